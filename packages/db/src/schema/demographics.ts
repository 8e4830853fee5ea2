import type { SelfIdentifiedRaceEthnicity, SelfIdentifiedSex } from '@stageflow/domain';
import { foreignKey, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth.ts';
import { workspaceId } from './columns.ts';
import { participants } from './participants.ts';
import { workspaces } from './workspaces.ts';

/**
 * A participant's voluntary self-identification (docs/entities.md#self-identification): a table of its own,
 * apart from the participant row, so nothing that reads participants (pages, boards, lists, exports) can
 * carry it by accident. One row per participant; none for those who skipped the questions. Read only as
 * counts, by those holding `demographics.read` (docs/rules.md#adverse-impact).
 */
export const selfIdentifications = sqliteTable(
  'self_identifications',
  {
    workspace_id: workspaceId(),
    participant_id: text('participant_id').notNull(),
    sex: text('sex').$type<SelfIdentifiedSex>().notNull(),
    race_ethnicity: text('race_ethnicity').$type<SelfIdentifiedRaceEthnicity>().notNull(),
    recorded_at: text('recorded_at').notNull(),
    /** Who recorded the answers: `participant:<id>` from their portal, or staff (`user:<id>`, `api_key:<id>`). */
    recorded_by: text('recorded_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspace_id, t.participant_id] }),
    foreignKey({
      columns: [t.workspace_id, t.participant_id],
      foreignColumns: [participants.workspace_id, participants.id],
    }).onDelete('cascade'),
  ],
);

/**
 * Scopes an owner gives one member beyond their role (docs/surfaces.md#roles-and-scopes): today only
 * `demographics.read`, to admins. A grant counts while its holder is an admin.
 */
export const memberGrants = sqliteTable(
  'member_grants',
  {
    workspace_id: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    user_id: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    granted_at: text('granted_at').notNull(),
    /** The actor who granted it (`user:<id>`). */
    granted_by: text('granted_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace_id, t.user_id, t.scope] })],
);
