import { conflict, refusal } from '@stageflow/domain';
import type { PgExec } from '../client.ts';
import { idempotencyKeys } from '../schema.ts';

/** A key's first use, stored in the same transaction as the work it answered. */
export interface IdempotencyRow {
  readonly workspace_id: string;
  readonly key: string;
  readonly scope: string;
  readonly request_hash: string;
  readonly response: unknown;
  readonly created_at: string;
}

/**
 * Remembers a key's first use on PostgreSQL. Two requests with one key can run at once here (on SQLite they never
 * do): both find no key, both do their work, and the second to insert the key waits on the first's uncommitted
 * row. When the first commits, the second's insert does nothing (`ON CONFLICT DO NOTHING`, so its transaction is
 * still usable) and `remember` throws the CONFLICT SQLite answers a reused key with (`idempotencyReused`, a 409):
 * thrown, it rolls the second's work back with its transaction. A retry then finds the first's answer.
 */
export function createPgIdempotencyWrites(tx: PgExec) {
  return {
    async remember(row: IdempotencyRow): Promise<void> {
      const stored = await tx
        .insert(idempotencyKeys)
        .values(row)
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (stored.length === 0) {
        throw conflict(
          `Idempotency key "${row.key}" was already used by another request`,
          refusal('idempotencyReused'),
        );
      }
    },
  };
}
