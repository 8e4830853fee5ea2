export * from './agent-profiles.ts';
export * from './api-keys.ts';
export * from './auth.ts';
export * from './instance.ts';
export * from './participants.ts';
export * from './stages.ts';
export * from './templates.ts';
export * from './workspaces.ts';
