// `@stageflow/db/postgres`: the PostgreSQL engine (schema, migrations, repositories, storage) and the copy from
// SQLite. Its own entry, so what only ever runs on SQLite (the CLI's SQLite commands, the bench) need not load `pg`.
export * from './client.ts';
export * from './copy.ts';
export { createPostgresStorage, type PgEngineParts, postgresEngine } from './engine.ts';
export { type PgLeaseColumns, type PgLeasedQueue, pgLeasedQueue } from './leases.ts';
export { sweepPgRateLimits } from './rate-limits.ts';
export { createPgAgentProfileReads } from './reads/agent-profiles.ts';
export { createPgAnalyticsReads } from './reads/analytics.ts';
export { createPgAnswerReads } from './reads/answers.ts';
export { createPgApiKeyReads } from './reads/api-keys.ts';
export { createPgBulkActionsReads } from './reads/bulk-actions.ts';
export { createPgIdempotencyReads, type IdempotencySeen } from './reads/idempotency.ts';
export { createPgInstanceReads } from './reads/instance.ts';
export { createPgInterviewerModelReads } from './reads/interviewer-models.ts';
export { createPgMailReads } from './reads/mail.ts';
export { createPgMemberGrantReads } from './reads/member-grants.ts';
export { createPgMemberReads } from './reads/members.ts';
export { createPgParticipantBoard } from './reads/participant-board.ts';
export { createPgParticipantHistory } from './reads/participant-history.ts';
export { createPgParticipantLoads } from './reads/participant-loads.ts';
export { createPgParticipantList, createPgParticipantQueries } from './reads/participant-queries.ts';
export { createPgPipelineReads } from './reads/pipelines.ts';
export { createPgPortalLinkReads } from './reads/portal-links.ts';
export { createPgPortalNoticeReads } from './reads/portal-notice.ts';
export { createPgSelfIdentificationReads } from './reads/self-identification.ts';
export { createPgSessionTurnReads } from './reads/session-turns.ts';
export { createPgStageReads } from './reads/stages.ts';
export { createPgTemplateReads } from './reads/templates.ts';
export { createPgWebhooksReads, pgEnqueued } from './reads/webhooks.ts';
export { createPgWorkspaceReads } from './reads/workspaces.ts';
export {
  createPgEngineParts,
  createPgReads,
  createPgStorage,
  createPgWrites,
  type PgReadOptions,
} from './repositories.ts';
export { pgSchema } from './schema.ts';
export { createPgStageCache, type PgStageCache } from './stage-cache.ts';
export { type PgTwin, type PgTwins, pgTwins } from './twin.ts';
export { createPgAgentProfileWrites } from './writes/agent-profiles.ts';
export { createPgAnswerWrites } from './writes/answers.ts';
export { createPgApiKeyWrites } from './writes/api-keys.ts';
export { createPgBulkActionsWrites } from './writes/bulk-actions.ts';
export { createPgIdempotencyWrites, type IdempotencyRow } from './writes/idempotency.ts';
export { createPgInterviewerModelWrites } from './writes/interviewer-models.ts';
export { createPgMailWrites } from './writes/mail.ts';
export { createPgMemberGrantWrites } from './writes/member-grants.ts';
export { createPgParticipantWrites } from './writes/participants.ts';
export { createPgPipelineWrites } from './writes/pipelines.ts';
export { createPgPortalLinkWrites } from './writes/portal-links.ts';
export { createPgPortalNoticeWrites } from './writes/portal-notice.ts';
export { createPgSelfIdentificationWrites } from './writes/self-identification.ts';
export { createPgSessionTurnWrites } from './writes/session-turns.ts';
export { createPgStageWrites } from './writes/stages.ts';
export { createPgTemplateWrites } from './writes/templates.ts';
export { createPgWebhooksWrites } from './writes/webhooks.ts';
