/**
 * Merges an update into an entity: keys the caller left out (undefined) keep their value.
 * Nested groups are replaced whole, which is what a form that sends the whole group expects.
 */
export function applyPatch<T extends object>(entity: T, patch: { readonly [K in keyof T]?: T[K] | undefined }): T {
  const next = { ...entity };
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const value = patch[key];
    if (value !== undefined) next[key] = value as T[keyof T];
  }
  return next;
}
