/**
 * SQLite gives back `null` for an unset optional column, while the wire format leaves the key out.
 * One conversion, used by every repository, so DTOs never carry `null` where the schema says optional.
 */
export function nullsToUndefined<T extends Record<string, unknown>>(
  row: T,
  keys: readonly (keyof T)[],
): { [K in keyof T]: K extends (typeof keys)[number] ? Exclude<T[K], null> | undefined : T[K] } {
  const out: Record<string, unknown> = { ...row };
  for (const key of keys) if (out[key as string] === null) out[key as string] = undefined;
  return out as never;
}

/** Drops the tenancy column: callers already know their workspace, and DTOs do not repeat it. */
export function withoutWorkspace<T extends { workspace_id: string }>(row: T): Omit<T, 'workspace_id'> {
  const { workspace_id: _, ...rest } = row;
  return rest;
}

/** Escapes a user's search text for a LIKE pattern (with `ESCAPE '\'`). */
export const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
