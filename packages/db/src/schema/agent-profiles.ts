import type { AgentProfile } from '@stageflow/domain';
import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamps, workspaceId } from './columns.ts';
import { workspaces } from './workspaces.ts';

export const agentProfiles = sqliteTable(
  'agent_profiles',
  {
    id: id(),
    workspace_id: workspaceId().references(() => workspaces.id),
    name: text('name').notNull(),
    persona: text('persona').notNull(),
    use_case: text('use_case').$type<AgentProfile['use_case']>().notNull(),
    evaluation_dimensions: text('evaluation_dimensions', { mode: 'json' })
      .$type<AgentProfile['evaluation_dimensions']>()
      .notNull(),
    interaction: text('interaction', { mode: 'json' }).$type<AgentProfile['interaction']>().notNull(),
    scoring: text('scoring', { mode: 'json' }).$type<AgentProfile['scoring']>().notNull(),
    context: text('context', { mode: 'json' }).$type<AgentProfile['context']>().notNull(),
    output: text('output', { mode: 'json' }).$type<AgentProfile['output']>().notNull(),
    additional_instructions: text('additional_instructions'),
    status: text('status').$type<AgentProfile['status']>().notNull().default('active'),
    ...timestamps,
  },
  (t) => [
    index('agent_profiles_workspace_status_idx').on(t.workspace_id, t.status, t.name),
    // Lets stages reference (workspace_id, id) so a stage can never point at another workspace's interviewer.
    uniqueIndex('agent_profiles_workspace_id_uq').on(t.workspace_id, t.id),
  ],
);
