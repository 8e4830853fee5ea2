// `@stageflow/db/postgres`: the PostgreSQL schema, its migrations and the copy from SQLite. Kept out of
// the package's main entry so the server, which runs on SQLite only so far, never loads `pg`.
export * from './client.ts';
export * from './copy.ts';
export { createPostgresStorage, type PgEngineParts, postgresEngine } from './engine.ts';
export { createPgStageReads } from './reads/stages.ts';
export { pgSchema } from './schema.ts';
export { type PgTwin, type PgTwins, pgTwins } from './twin.ts';
