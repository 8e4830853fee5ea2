export * from './client.ts';
export * from './files.ts';
export * from './repositories/index.ts';
export * as schema from './schema/index.ts';
