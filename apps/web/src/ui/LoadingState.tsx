/**
 * A page or panel still loading: grey lines where the content will be (no layout jump when it arrives),
 * and a status that screen readers announce.
 */
export function LoadingState({ label = 'Loading', lines = 3 }: { label?: string; lines?: number }) {
  return (
    <div className="loading-state" role="status" aria-busy="true">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}
