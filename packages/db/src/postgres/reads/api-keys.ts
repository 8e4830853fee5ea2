import { and, desc, eq, getTableColumns, isNull, or, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import type { ApiKeyRow, ApiKeySummary } from '../../repositories/api-keys.ts';
import type { PgExec } from '../client.ts';
import { binary } from '../for-update.ts';
import { inWorkspace, prepared, preparedLockable } from '../prepared.ts';
import { apiKeys } from '../schema.ts';

/** What may be shown of a key: every column but its hash (and the workspace the caller already knows). */
const { key_hash: _hash, workspace_id: _workspace, ...summary } = getTableColumns(apiKeys);

// Every API-key call looks its key up by hash (docs/decisions/037-prepared-queries-on-postgresql.md).
const keyByHash = prepared('api_keys_by_hash', (db) =>
  db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.key_hash, sql.placeholder('keyHash'))),
);
const keyById = preparedLockable('api_keys_by_id', (db) =>
  db
    .select(summary)
    .from(apiKeys)
    .where(and(inWorkspace(apiKeys.workspace_id), eq(apiKeys.id, sql.placeholder('id'))))
    .$dynamic(),
);
const touchKey = prepared('api_keys_touch', (db) =>
  db
    .update(apiKeys)
    .set({ last_used_at: sql`${sql.placeholder('now')}` })
    .where(
      and(
        eq(apiKeys.id, sql.placeholder('id')),
        or(isNull(apiKeys.last_used_at), sql`${binary(apiKeys.last_used_at)} < ${sql.placeholder('staleBefore')}`),
      ),
    ),
);

/**
 * API keys on PostgreSQL. In a write unit (`inWrite`) `byId` locks the key the unit revokes or lets expire.
 * `touch` is one statement outside any unit, as on SQLite. Times are ISO text, compared in byte order.
 */
export function createPgApiKeyReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  const readById = keyById.lockIf(inWrite);
  return {
    /** Newest first, revoked and expired keys included. */
    async list(workspaceId: string): Promise<ApiKeySummary[]> {
      return exec
        .select(summary)
        .from(apiKeys)
        .where(eq(apiKeys.workspace_id, workspaceId))
        .orderBy(desc(binary(apiKeys.created_at)), binary(apiKeys.id));
    },
    async byId(workspaceId: string, id: string): Promise<ApiKeySummary | undefined> {
      const [row] = await readById(exec, { workspaceId, id });
      return row;
    },
    /** The key a request presents, found by its hash: the only query not started from a workspace. */
    async byHash(keyHash: string): Promise<ApiKeyRow | undefined> {
      const [row] = await keyByHash(exec, { keyHash });
      return row;
    },
    /** Records a use unless one was recorded after `staleBefore`: at most one write per interval. */
    async touch(id: string, now: string, staleBefore: string): Promise<void> {
      await touchKey(exec, { id, now, staleBefore });
    },
  } satisfies Reads['apiKeys'];
}
