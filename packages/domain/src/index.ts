export * from './agent-profiles.ts';
export * from './api-keys.ts';
export * from './errors.ts';
export * from './patch.ts';
export * from './pipeline/index.ts';
export * from './progression/index.ts';
export * from './schemas/index.ts';
export * from './templates.ts';
