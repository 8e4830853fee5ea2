// `@stageflow/db/postgres`: the PostgreSQL schema, its migrations and the copy from SQLite. Kept out of
// the package's main entry so the server, which runs on SQLite only so far, never loads `pg`.
export * from './client.ts';
export * from './copy.ts';
export { createPgIdempotencyReads, type IdempotencySeen } from './reads/idempotency.ts';
export { createPgParticipantLoads } from './reads/participant-loads.ts';
export { createPgParticipantBoard } from './reads/participant-board.ts';
export { createPgParticipantHistory } from './reads/participant-history.ts';
export { createPgParticipantList, createPgParticipantQueries } from './reads/participant-queries.ts';
export { createPgAgentProfileReads } from './reads/agent-profiles.ts';
export { createPgAnalyticsReads } from './reads/analytics.ts';
export { createPgPipelineReads } from './reads/pipelines.ts';
export { createPgStageReads } from './reads/stages.ts';
export { createPgTemplateReads } from './reads/templates.ts';
export { pgSchema } from './schema.ts';
export { type PgTwin, type PgTwins, pgTwins } from './twin.ts';
export { createPgIdempotencyWrites, type IdempotencyRow } from './writes/idempotency.ts';
export { createPgParticipantWrites } from './writes/participants.ts';
export { createPgAgentProfileWrites } from './writes/agent-profiles.ts';
export { createPgPipelineWrites } from './writes/pipelines.ts';
export { createPgStageWrites } from './writes/stages.ts';
export { createPgTemplateWrites } from './writes/templates.ts';
