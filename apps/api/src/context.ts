import { randomUUID } from 'node:crypto';
import type { Db, Repositories } from '@stageflow/db';
import type { Logger } from './logger.ts';

/**
 * Everything a procedure may touch. Tests build it directly with a fresh database; the HTTP
 * adapter builds it per request. The workspace always comes from here, never from input.
 */
export interface Context {
  readonly db: Db;
  readonly repos: Repositories;
  readonly workspaceId: string;
  /** `user:<id>` | `api_key:<id>` | `system`: who the audit trail says did it. */
  readonly actor: string;
  readonly now: () => string;
  readonly newId: () => string;
  readonly log: Logger;
}

export interface ContextDeps {
  readonly db: Db;
  readonly repos: Repositories;
  readonly log: Logger;
}

export function createInnerContext(
  deps: ContextDeps,
  scope: { workspaceId: string; actor: string },
  overrides: Partial<Pick<Context, 'now' | 'newId'>> = {},
): Context {
  return {
    ...deps,
    ...scope,
    now: overrides.now ?? (() => new Date().toISOString()),
    newId: overrides.newId ?? randomUUID,
  };
}

/**
 * Until accounts exist (issue 4), every request acts in the one local workspace the server chose
 * at start. The request is taken so that sign-in can slot in here without touching the routers.
 */
export function createRequestContext(deps: ContextDeps, localWorkspaceId: string) {
  return (_opts: { req: Request }): Context =>
    createInnerContext(deps, { workspaceId: localWorkspaceId, actor: 'user:local' });
}
