/** Stageflow's logo mark: two steps and the point they lead to. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" />
      <path d="M8 16h5m3 0h5" />
      <circle cx="24" cy="16" r="2.5" />
    </svg>
  );
}
