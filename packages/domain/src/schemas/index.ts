export * from './account.ts';
export * from './agent-profile.ts';
export * from './api-key.ts';
export * from './common.ts';
export * from './portal-link.ts';
export * from './stage.ts';
export * from './template.ts';
export * from './workspace.ts';
