import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { apiKeys } from '../schema/index.ts';
import { keptWhileUnchanged } from './kept-while-unchanged.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
/** What may be shown of a key: everything but its hash. */
export type ApiKeySummary = Omit<ApiKeyRow, 'key_hash' | 'workspace_id'>;
export type NewApiKey = Pick<
  ApiKeyRow,
  'id' | 'workspace_id' | 'name' | 'prefix' | 'key_hash' | 'scopes' | 'created_by' | 'created_at'
>;

const summary = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  created_by: apiKeys.created_by,
  created_at: apiKeys.created_at,
  last_used_at: apiKeys.last_used_at,
  revoked_at: apiKeys.revoked_at,
  expires_at: apiKeys.expires_at,
};

/** API keys whose rows are kept in memory between calls (a process serves few; the least recently used go first). */
export const KEPT_API_KEYS = 1000;

export function createApiKeyRepository(db: Db) {
  const byHashQuery = db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.key_hash, sql.placeholder('hash')))
    .prepare();
  // Every API call looks its key up; the rows are kept while the database is unchanged.
  const keptByHash = keptWhileUnchanged<ApiKeyRow>(db, KEPT_API_KEYS);
  const touchQuery = db
    .update(apiKeys)
    .set({ last_used_at: sql`${sql.placeholder('now')}` })
    .where(
      and(
        eq(apiKeys.id, sql.placeholder('id')),
        or(isNull(apiKeys.last_used_at), lt(apiKeys.last_used_at, sql.placeholder('staleBefore'))),
      ),
    )
    .prepare();

  return {
    /** Newest first, revoked and expired keys included (the page shows their status). */
    list(workspaceId: string): ApiKeySummary[] {
      return db
        .select(summary)
        .from(apiKeys)
        .where(eq(apiKeys.workspace_id, workspaceId))
        .orderBy(desc(apiKeys.created_at), apiKeys.id)
        .all();
    },
    byId(workspaceId: string, id: string): ApiKeySummary | undefined {
      return db
        .select(summary)
        .from(apiKeys)
        .where(and(eq(apiKeys.workspace_id, workspaceId), eq(apiKeys.id, id)))
        .get();
    },
    /** The key a request presents, found by its hash: the only query not started from a workspace. */
    byHash(keyHash: string): ApiKeyRow | undefined {
      return keptByHash(keyHash, () => byHashQuery.get({ hash: keyHash }));
    },
    insert(tx: Tx, key: NewApiKey): void {
      tx.insert(apiKeys).values(key).run();
    },
    /** Stops the key at once (kept, so the list can say it was revoked). */
    revoke(tx: Tx, workspaceId: string, id: string, now: string): void {
      tx.update(apiKeys)
        .set({ revoked_at: now })
        .where(and(eq(apiKeys.workspace_id, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revoked_at)))
        .run();
    },
    /** Lets the key work until `at` (a roll's grace period); an earlier end already set stays. */
    expireAt(tx: Tx, workspaceId: string, id: string, at: string): void {
      tx.update(apiKeys)
        .set({ expires_at: at })
        .where(
          and(
            eq(apiKeys.workspace_id, workspaceId),
            eq(apiKeys.id, id),
            or(isNull(apiKeys.expires_at), lt(sql`${at}`, apiKeys.expires_at)),
          ),
        )
        .run();
    },
    /** Records a use unless one was recorded after `staleBefore`: at most one write per interval. */
    touch(id: string, now: string, staleBefore: string): void {
      touchQuery.run({ id, now, staleBefore });
    },
  };
}
