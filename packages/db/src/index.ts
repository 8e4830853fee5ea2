export * from './client.ts';
export * from './files.ts';
export * from './leases.ts';
export * from './rate-limits.ts';
export * from './reads.ts';
export * from './repositories/index.ts';
export * as schema from './schema/index.ts';
export type * from './storage/port.ts';
export { createSqliteStorage } from './storage/sqlite.ts';
