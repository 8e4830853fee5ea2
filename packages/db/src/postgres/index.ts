// `@stageflow/db/postgres`: the PostgreSQL schema, its migrations and the copy from SQLite. Kept out of
// the package's main entry so the server, which runs on SQLite only so far, never loads `pg`.
export * from './client.ts';
export * from './copy.ts';
export { type PgLeaseColumns, type PgLeasedQueue, pgLeasedQueue } from './leases.ts';
export { createPgBulkActionsReads } from './reads/bulk-actions.ts';
export { createPgMailReads } from './reads/mail.ts';
export { createPgStageReads } from './reads/stages.ts';
export { createPgWebhooksReads, pgEnqueued } from './reads/webhooks.ts';
export { pgSchema } from './schema.ts';
export { type PgTwin, type PgTwins, pgTwins } from './twin.ts';
export { createPgBulkActionsWrites } from './writes/bulk-actions.ts';
export { createPgMailWrites } from './writes/mail.ts';
export { createPgWebhooksWrites } from './writes/webhooks.ts';
