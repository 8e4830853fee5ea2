import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { idempotencyKeys } from '../schema/index.ts';

/**
 * The idempotency keys a workspace's requests used, with each one's first answer. What a retry gets is
 * decided once for every engine, in storage/idempotency.ts; this only finds and records the keys.
 */
export function createIdempotencyRepository(db: Db) {
  const seenQuery = db
    .select({
      scope: idempotencyKeys.scope,
      request_hash: idempotencyKeys.request_hash,
      response: idempotencyKeys.response,
    })
    .from(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.workspace_id, sql.placeholder('ws')), eq(idempotencyKeys.key, sql.placeholder('key'))),
    )
    .prepare();
  return {
    /** The key's first use in the workspace: what it was for, its request's hash and its answer. */
    seen(workspaceId: string, key: string): { scope: string; request_hash: string; response: unknown } | undefined {
      return seenQuery.get({ ws: workspaceId, key });
    },
    /** Records a key's first use with its answer, in the transaction of the work it answers for. */
    remember(
      tx: Tx,
      row: {
        workspace_id: string;
        key: string;
        scope: string;
        request_hash: string;
        response: unknown;
        created_at: string;
      },
    ): void {
      tx.insert(idempotencyKeys).values(row).run();
    },
  };
}
