import type { EvaluationTemplate } from '@stageflow/domain';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamps, workspaceId } from './columns.ts';
import { workspaces } from './workspaces.ts';

type T = EvaluationTemplate;

export const evaluationTemplates = sqliteTable(
  'evaluation_templates',
  {
    id: id(),
    workspace_id: workspaceId().references(() => workspaces.id),
    template_name: text('template_name').notNull(),
    use_case: text('use_case').$type<T['use_case']>().notNull(),
    description: text('description'),
    objective: text('objective'),
    success_outcome: text('success_outcome').$type<T['success_outcome']>().notNull(),
    custom_outcome_labels: text('custom_outcome_labels', { mode: 'json' }).$type<T['custom_outcome_labels']>(),
    status: text('status').$type<T['status']>().notNull(),
    industry: text('industry'),
    level: text('level'),
    requirements: text('requirements'),
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
    soft_skills: text('soft_skills', { mode: 'json' }).$type<string[]>().notNull(),
    ai_context: text('ai_context'),
    default_duration_minutes: integer('default_duration_minutes').notNull(),
    default_difficulty: text('default_difficulty').$type<T['default_difficulty']>().notNull(),
    language: text('language').notNull(),
    /** docs/rules.md#what-a-participant-sees-of-their-results: off unless the team opts in. */
    portal_shows_recommendation: integer('portal_shows_recommendation', { mode: 'boolean' }).notNull().default(false),
    /** Bumped by every change to the template's stages; stale writers get a CONFLICT. */
    version: integer('version').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('evaluation_templates_workspace_status_idx').on(t.workspace_id, t.status, t.updated_at),
    uniqueIndex('evaluation_templates_workspace_id_uq').on(t.workspace_id, t.id),
  ],
);
