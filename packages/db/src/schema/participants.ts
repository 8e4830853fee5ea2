import type { Decision, Participant, ResultFacts, Session, StageExit, StageProgress } from '@stageflow/domain';
import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamps, workspaceId } from './columns.ts';
import { evaluationStages } from './stages.ts';
import { evaluationTemplates } from './templates.ts';

type P = Participant;

export const participants = sqliteTable(
  'participants',
  {
    id: id(),
    workspace_id: workspaceId(),
    evaluation_template_id: text('evaluation_template_id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    external_id: text('external_id'),
    phone: text('phone'),
    tags: text('tags', { mode: 'json' }).$type<P['tags']>().notNull(),
    profile: text('profile', { mode: 'json' }).$type<P['profile']>().notNull(),
    background: text('background', { mode: 'json' }).$type<P['background']>().notNull(),
    metadata: text('metadata', { mode: 'json' }).$type<P['metadata']>().notNull(),
    status: text('status').$type<P['status']>().notNull(),
    current_stage_id: text('current_stage_id'),
    recommendation: text('recommendation'),
    /** Bumped by every command; a write that finds another version lost a race (CONFLICT). */
    version: integer('version').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('participants_workspace_template_email_uq').on(t.workspace_id, t.evaluation_template_id, t.email),
    // Board columns and funnel counts at 100k participants (bench/README.md): a finished column in
    // recency order, and an active stage's column in recency order, each read straight off an index;
    // the counts per (status, stage) are a scan of the second one alone.
    index('participants_workspace_template_status_idx').on(
      t.workspace_id,
      t.evaluation_template_id,
      t.status,
      t.updated_at,
      t.id,
    ),
    index('participants_workspace_template_stage_idx').on(
      t.workspace_id,
      t.evaluation_template_id,
      t.status,
      t.current_stage_id,
      t.updated_at,
      t.id,
    ),
    index('participants_workspace_stage_idx').on(t.workspace_id, t.current_stage_id),
    index('participants_workspace_created_idx').on(t.workspace_id, t.created_at, t.id),
    uniqueIndex('participants_workspace_id_uq').on(t.workspace_id, t.id),
    foreignKey({
      columns: [t.workspace_id, t.evaluation_template_id],
      foreignColumns: [evaluationTemplates.workspace_id, evaluationTemplates.id],
    }),
  ],
);

export const stageProgress = sqliteTable(
  'stage_progress',
  {
    workspace_id: workspaceId(),
    participant_id: text('participant_id').notNull(),
    stage_id: text('stage_id').notNull(),
    state: text('state').$type<StageProgress['state']>().notNull(),
    attempts_used: integer('attempts_used').notNull(),
    retakes_granted: integer('retakes_granted').notNull(),
    entered_at: text('entered_at').notNull(),
    left_at: text('left_at'),
    /** The rules snapshot taken when the participant entered the stage. */
    rules: text('rules', { mode: 'json' }).$type<StageProgress['rules']>().notNull(),
    /** The participant's answer to the stage's AI notice: `accepted`, `declined`, or null (none yet). */
    consent: text('consent').$type<StageProgress['consent']>(),
    /**
     * Where the participant went from the stage and how long they stayed, as the funnel counts them: derived by
     * the domain (`stayFactsOf`) and written by every command with the stays, never read into the state
     * (docs/rules.md#funnel; decision 038).
     */
    funnel_exit: text('funnel_exit').$type<StageExit>().notNull().default('still_there'),
    stay_ms: integer('stay_ms'),
  },
  (t) => [
    primaryKey({ columns: [t.participant_id, t.stage_id] }),
    // Also the whole template's funnel, counted off the index by stage, state and exit.
    index('stage_progress_workspace_stage_idx').on(t.workspace_id, t.stage_id, t.state, t.funnel_exit),
    // The funnel's median and 90th percentile stay: the lengths at two ranks, read in order off the index.
    index('stage_progress_workspace_stage_stay_idx')
      .on(t.workspace_id, t.stage_id, t.stay_ms)
      .where(sql`${t.stay_ms} is not null`),
    // A participant's progress: without it SQLite read every progress row of the workspace (bench/README.md).
    index('stage_progress_workspace_participant_idx').on(t.workspace_id, t.participant_id, t.entered_at),
    foreignKey({
      columns: [t.workspace_id, t.participant_id],
      foreignColumns: [participants.workspace_id, participants.id],
    }),
    foreignKey({ columns: [t.stage_id], foreignColumns: [evaluationStages.id] }),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: id(),
    workspace_id: workspaceId(),
    participant_id: text('participant_id').notNull(),
    stage_id: text('stage_id').notNull(),
    attempt: integer('attempt').notNull(),
    status: text('status').$type<Session['status']>().notNull(),
    scheduled_at: text('scheduled_at').notNull(),
    timezone: text('timezone').notNull(),
    started_at: text('started_at'),
    completed_at: text('completed_at'),
    end_reason: text('end_reason'),
    notes: text('notes'),
    idempotency_key: text('idempotency_key'),
    scorecard: text('scorecard', { mode: 'json' }).$type<Session['scorecard']>(),
    /** Interviewer's scorecards a reviewer replaced with their own, kept whole (docs/entities.md#session). */
    replaced_scorecards: text('replaced_scorecards', { mode: 'json' })
      .$type<Session['replaced_scorecards']>()
      .notNull()
      .default(sql`'[]'`),
    ...timestamps,
    /**
     * A completed result's overall score and pass (1/0), as the score distribution counts them, and what the
     * rule simulation replays of its scorecard: derived by the domain (`resultFactsOf`), written by every
     * command with the session, never read into the state (docs/decisions/038 and 048). `null` for a session
     * without a completed result.
     */
    result_score: real('result_score'),
    result_passed: integer('result_passed'),
    result_scoring_method: text('result_scoring_method').$type<ResultFacts['result_scoring_method']>(),
    result_below_min: integer('result_below_min'),
    result_needs_review: integer('result_needs_review'),
  },
  (t) => [
    // A participant's sessions, and their latest score at a stage (the cards' `last_score`).
    index('sessions_workspace_participant_idx').on(
      t.workspace_id,
      t.participant_id,
      t.stage_id,
      t.status,
      t.completed_at,
    ),
    // Also the whole template's score distribution, counted off the index by stage, score and pass.
    index('sessions_workspace_stage_status_idx').on(
      t.workspace_id,
      t.stage_id,
      t.status,
      t.result_score,
      t.result_passed,
    ),
    // The rule simulation's results, read off the index alone: everything it replays is in it (decision 048).
    index('sessions_workspace_stage_replay_idx')
      .on(
        t.workspace_id,
        t.stage_id,
        t.participant_id,
        t.attempt,
        t.id,
        t.completed_at,
        t.result_score,
        t.result_passed,
        t.result_scoring_method,
        t.result_below_min,
        t.result_needs_review,
      )
      .where(sql`${t.result_score} is not null`),
    uniqueIndex('sessions_workspace_idempotency_uq')
      .on(t.workspace_id, t.idempotency_key)
      .where(sql`${t.idempotency_key} is not null`),
    foreignKey({
      columns: [t.workspace_id, t.participant_id],
      foreignColumns: [participants.workspace_id, participants.id],
    }),
    foreignKey({ columns: [t.stage_id], foreignColumns: [evaluationStages.id] }),
  ],
);

export const decisions = sqliteTable(
  'decisions',
  {
    id: id(),
    workspace_id: workspaceId(),
    participant_id: text('participant_id').notNull(),
    stage_id: text('stage_id').notNull(),
    /** Null for a `human_alternative` request: no session opened it. */
    session_id: text('session_id'),
    reason: text('reason').$type<Decision['reason']>().notNull(),
    /** Null for a `human_alternative` request: nothing was scored to suggest from. */
    suggested: text('suggested').$type<Decision['suggested']>(),
    status: text('status').$type<Decision['status']>().notNull(),
    outcome: text('outcome').$type<Decision['outcome']>(),
    note: text('note'),
    decided_by: text('decided_by'),
    decided_at: text('decided_at'),
    created_at: text('created_at').notNull(),
  },
  (t) => [
    index('decisions_workspace_status_created_idx').on(t.workspace_id, t.status, t.created_at),
    index('decisions_workspace_participant_idx').on(t.workspace_id, t.participant_id),
    foreignKey({
      columns: [t.workspace_id, t.participant_id],
      foreignColumns: [participants.workspace_id, participants.id],
    }),
    foreignKey({ columns: [t.session_id], foreignColumns: [sessions.id] }),
  ],
);

/** Append-only: triggers in the migration refuse UPDATE and DELETE. */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    workspace_id: workspaceId(),
    participant_id: text('participant_id'),
    evaluation_template_id: text('evaluation_template_id'),
    type: text('type').notNull(),
    actor: text('actor').notNull(),
    occurred_at: text('occurred_at').notNull(),
    /** The bulk action this event was one person's part of (bulk-actions.ts); null otherwise. */
    bulk_action_id: text('bulk_action_id'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('events_workspace_participant_idx').on(t.workspace_id, t.participant_id, t.seq),
    index('events_workspace_template_idx').on(t.workspace_id, t.evaluation_template_id, t.seq),
  ],
);

/** A reused key with the same request returns the first answer; with another request it is refused. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    workspace_id: workspaceId(),
    key: text('key').notNull(),
    /** Which procedure and a hash of its input, to tell a retry from a different request. */
    scope: text('scope').notNull(),
    request_hash: text('request_hash').notNull(),
    response: text('response', { mode: 'json' }).notNull(),
    created_at: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace_id, t.key] })],
);
