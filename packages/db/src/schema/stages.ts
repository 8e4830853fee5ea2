import type { EvaluationStage } from '@stageflow/domain';
import { foreignKey, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agentProfiles } from './agent-profiles.ts';
import { id, timestamps, workspaceId } from './columns.ts';
import { evaluationTemplates } from './templates.ts';

type S = EvaluationStage;

export const evaluationStages = sqliteTable(
  'evaluation_stages',
  {
    id: id(),
    workspace_id: workspaceId(),
    evaluation_template_id: text('evaluation_template_id').notNull(),
    type: text('type').notNull(),
    stage_name: text('stage_name').notNull(),
    stage_type: text('stage_type').$type<S['stage_type']>().notNull(),
    agent_profile_id: text('agent_profile_id'),
    /** 0..n-1 among live stages; null once archived. */
    stage_order: integer('stage_order'),
    duration_minutes: integer('duration_minutes').notNull(),
    difficulty: text('difficulty').$type<S['difficulty']>().notNull(),
    pass_threshold: real('pass_threshold'),
    allow_retake: integer('allow_retake', { mode: 'boolean' }).notNull(),
    max_attempts: integer('max_attempts').notNull(),
    retake_cooldown_hours: integer('retake_cooldown_hours').notNull(),
    automation_rule: text('automation_rule').$type<S['automation_rule']>().notNull(),
    auto_reject: integer('auto_reject', { mode: 'boolean' }).notNull(),
    status: text('status').$type<S['status']>().notNull(),
    /** A written assessment's questions in order; `[]` for every other stage (docs/entities.md#question-set). */
    question_set: text('question_set', { mode: 'json' }).$type<S['question_set']>().notNull().default([]),
    ...timestamps,
  },
  (t) => [
    index('evaluation_stages_workspace_template_order_idx').on(t.workspace_id, t.evaluation_template_id, t.stage_order),
    index('evaluation_stages_workspace_agent_idx').on(t.workspace_id, t.agent_profile_id),
    // Composite keys: a stage can only point at a template and an interviewer of its own workspace.
    foreignKey({
      columns: [t.workspace_id, t.evaluation_template_id],
      foreignColumns: [evaluationTemplates.workspace_id, evaluationTemplates.id],
    }),
    foreignKey({
      columns: [t.workspace_id, t.agent_profile_id],
      foreignColumns: [agentProfiles.workspace_id, agentProfiles.id],
    }),
  ],
);
