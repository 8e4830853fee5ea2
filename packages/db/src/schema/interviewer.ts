import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { workspaceId } from './columns.ts';
import { workspaces } from './workspaces.ts';

/**
 * A workspace's own interviewer model (docs/entities.md#interviewer-model): at most one row each.
 * The API key is stored only encrypted (AES-256-GCM, docs/decisions/020-interviewer-model-client.md),
 * bound to its workspace, and never read back out through the API.
 */
export const interviewerModels = sqliteTable('interviewer_models', {
  workspace_id: workspaceId()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** The OpenAI-compatible base URL, without a trailing slash (`http://localhost:11434/v1`). */
  base_url: text('base_url').notNull(),
  model: text('model').notNull(),
  /** `v1.<iv>.<ciphertext>.<tag>` (base64url), or null for a server that needs no key. */
  api_key_encrypted: text('api_key_encrypted'),
  updated_at: text('updated_at').notNull(),
  /** Who saved it, as in the audit trail (`user:<id>`, `api_key:<id>`). */
  updated_by: text('updated_by').notNull(),
});
