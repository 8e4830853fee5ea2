import { foreignKey, index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, workspaceId } from './columns.ts';
import { participants } from './participants.ts';

/**
 * A participant's private portal links (docs/entities.md#portal-link). The token is shown once and
 * never stored: only its SHA-256, to find the link a request presents. A participant has at most one
 * working link: creating one revokes the one before, in the same transaction (storage/sqlite.ts).
 */
export const portalLinks = sqliteTable(
  'portal_links',
  {
    id: id(),
    workspace_id: workspaceId(),
    participant_id: text('participant_id').notNull(),
    /** Hex SHA-256 of the whole token (`sfp_…`). */
    token_hash: text('token_hash').notNull(),
    created_at: text('created_at').notNull(),
    /** The actor who made it, as in the audit trail (`user:<id>`, `api_key:<id>`). */
    created_by: text('created_by').notNull(),
    expires_at: text('expires_at').notNull(),
    revoked_at: text('revoked_at'),
    /** When the participant last exchanged it for a portal session (a POST, never a GET). */
    last_opened_at: text('last_opened_at'),
  },
  (t) => [
    index('portal_links_workspace_participant_idx').on(t.workspace_id, t.participant_id, t.created_at),
    // The one lookup that cannot start from a workspace: a participant presents only the token.
    uniqueIndex('portal_links_token_hash_uq').on(t.token_hash),
    foreignKey({
      columns: [t.workspace_id, t.participant_id],
      foreignColumns: [participants.workspace_id, participants.id],
    }),
  ],
);
