import { and, desc, eq, getTableColumns, isNull, or, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import type { ApiKeyRow, ApiKeySummary } from '../../repositories/api-keys.ts';
import type { PgExec } from '../client.ts';
import { binary, forUpdateIf } from '../for-update.ts';
import { apiKeys } from '../schema.ts';

/** What may be shown of a key: every column but its hash (and the workspace the caller already knows). */
const { key_hash: _hash, workspace_id: _workspace, ...summary } = getTableColumns(apiKeys);

/**
 * API keys on PostgreSQL. In a write unit (`inWrite`) `byId` locks the key the unit revokes or lets expire.
 * `touch` is one statement outside any unit, as on SQLite. Times are ISO text, compared in byte order.
 */
export function createPgApiKeyReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
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
      const query = exec
        .select(summary)
        .from(apiKeys)
        .where(and(eq(apiKeys.workspace_id, workspaceId), eq(apiKeys.id, id)))
        .$dynamic();
      const [row] = await forUpdateIf(inWrite, query);
      return row;
    },
    /** The key a request presents, found by its hash: the only query not started from a workspace. */
    async byHash(keyHash: string): Promise<ApiKeyRow | undefined> {
      const [row] = await exec.select().from(apiKeys).where(eq(apiKeys.key_hash, keyHash));
      return row;
    },
    /** Records a use unless one was recorded after `staleBefore`: at most one write per interval. */
    async touch(id: string, now: string, staleBefore: string): Promise<void> {
      await exec
        .update(apiKeys)
        .set({ last_used_at: now })
        .where(
          and(
            eq(apiKeys.id, id),
            or(isNull(apiKeys.last_used_at), sql`${binary(apiKeys.last_used_at)} < ${staleBefore}`),
          ),
        );
    },
  } satisfies Reads['apiKeys'];
}
