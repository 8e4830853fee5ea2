// `@stageflow/db/postgres`: the PostgreSQL schema, its migrations and the copy from SQLite. Kept out of
// the package's main entry so the server, which runs on SQLite only so far, never loads `pg`.
export * from './client.ts';
export * from './copy.ts';
export { createPgAnswerReads } from './reads/answers.ts';
export { createPgApiKeyReads } from './reads/api-keys.ts';
export { createPgInstanceReads } from './reads/instance.ts';
export { createPgInterviewerModelReads } from './reads/interviewer-models.ts';
export { createPgMemberGrantReads } from './reads/member-grants.ts';
export { createPgMemberReads } from './reads/members.ts';
export { createPgPortalLinkReads } from './reads/portal-links.ts';
export { createPgPortalNoticeReads } from './reads/portal-notice.ts';
export { createPgSelfIdentificationReads } from './reads/self-identification.ts';
export { createPgSessionTurnReads } from './reads/session-turns.ts';
export { createPgStageReads } from './reads/stages.ts';
export { createPgWorkspaceReads } from './reads/workspaces.ts';
export { pgSchema } from './schema.ts';
export { type PgTwin, type PgTwins, pgTwins } from './twin.ts';
export { createPgAnswerWrites } from './writes/answers.ts';
export { createPgApiKeyWrites } from './writes/api-keys.ts';
export { createPgInterviewerModelWrites } from './writes/interviewer-models.ts';
export { createPgMemberGrantWrites } from './writes/member-grants.ts';
export { createPgPortalLinkWrites } from './writes/portal-links.ts';
export { createPgPortalNoticeWrites } from './writes/portal-notice.ts';
export { createPgSelfIdentificationWrites } from './writes/self-identification.ts';
export { createPgSessionTurnWrites } from './writes/session-turns.ts';
