/**
 * Rows for a multi-row insert, in slices: PostgreSQL binds at most 65,535 values in one statement, and a batch
 * of wide rows (mail bodies, deliveries) could pass that.
 */
export function* slices<T>(rows: readonly T[], size = 500): Generator<T[]> {
  for (let at = 0; at < rows.length; at += size) yield rows.slice(at, at + size);
}
