import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, workspaceId } from './columns.ts';
import { workspaces } from './workspaces.ts';

/**
 * API keys for scripts and integrations. The key itself is shown once and never stored: only its
 * SHA-256 (to find it) and its first characters (so people can tell keys apart).
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: id(),
    workspace_id: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The key's first characters, e.g. `sf_live_Ab3x`: enough to recognise it, useless to call with. */
    prefix: text('prefix').notNull(),
    /** Hex SHA-256 of the whole key. */
    key_hash: text('key_hash').notNull(),
    /** The scopes granted (the API's `ApiKeyScope`s), already expanded from `all`. */
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    /** Who made it: an actor as in the audit trail (`user:<id>`), or `cli`. */
    created_by: text('created_by').notNull(),
    created_at: text('created_at').notNull(),
    /** Updated at most once a minute, so a busy key does not turn every read into a write. */
    last_used_at: text('last_used_at'),
    revoked_at: text('revoked_at'),
    /** Set when the key is rolled: it keeps working until then. */
    expires_at: text('expires_at'),
  },
  (t) => [
    index('api_keys_workspace_created_idx').on(t.workspace_id, t.created_at),
    // The one lookup that cannot start from a workspace: a request presents only the key.
    uniqueIndex('api_keys_key_hash_uq').on(t.key_hash),
  ],
);
