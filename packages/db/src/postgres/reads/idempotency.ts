import { and, eq } from 'drizzle-orm';
import type { PgExec } from '../client.ts';
import { idempotencyKeys } from '../schema.ts';

/** A key's first use as stored: what a retry is compared with, and the answer it gets. */
export interface IdempotencySeen {
  readonly scope: string;
  readonly request_hash: string;
  readonly response: unknown;
}

/** Idempotency keys on PostgreSQL: the first use of a key in a workspace (docs/rules.md#idempotency). */
export function createPgIdempotencyReads(exec: PgExec) {
  return {
    async seen(workspaceId: string, key: string): Promise<IdempotencySeen | undefined> {
      const [row] = await exec
        .select({
          scope: idempotencyKeys.scope,
          request_hash: idempotencyKeys.request_hash,
          response: idempotencyKeys.response,
        })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.workspace_id, workspaceId), eq(idempotencyKeys.key, key)));
      return row;
    },
  };
}
