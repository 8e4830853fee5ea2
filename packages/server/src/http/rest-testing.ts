import { createRepositories, createTestDb } from '@stageflow/db';
import { NOW } from '@stageflow/testing';
import type { Principal } from '../auth/principal.ts';
import { API_KEY_SCOPES, type ApiKeyScope } from '../auth/scopes.ts';
import { contextDeps, createInnerContext } from '../context.ts';
import { type InterviewerDeps, interviewerDeps } from '../interviewer/deps.ts';
import { createLogger } from '../logger.ts';
import { type AppOptions, createApp } from './app.ts';
import { databaseLimiters } from './limiter-store.ts';

export const ALL_KEY = 'sf_test_all_scopes';
export const READ_KEY = 'sf_test_templates_read';

/**
 * An HTTP app on a fresh database with one workspace, as tests call it with `app.request`. The
 * `x-api-key` values above name keys with all scopes and with `evaluation_templates.read` only;
 * without a key the request is the workspace owner's cookie session (unless `signedOut`). Ids are
 * a counter and the clock stands still, so two apps given the same calls give the same answers.
 * `options` replaces the app's defaults (its body limits, say); `interviewer`, the server's model settings.
 */
export function restApp({
  interviewer = interviewerDeps(),
  ...options
}: Partial<Pick<AppOptions, 'bodyLimits'>> & { interviewer?: InterviewerDeps } = {}) {
  const db = createTestDb();
  const repos = createRepositories(db);
  const log = createLogger('silent');
  const workspaceId = '00000000-0000-4000-8000-000000000001';
  repos.workspaces.insert({ id: workspaceId, slug: 'a', name: 'A' });
  const keys: Record<string, readonly ApiKeyScope[]> = {
    [ALL_KEY]: API_KEY_SCOPES,
    [READ_KEY]: ['evaluation_templates.read'],
  };
  const state = { signedOut: false };
  const identify = async (req: Request): Promise<Principal | null> => {
    const key = req.headers.get('x-api-key');
    if (key) {
      const scopes = keys[key];
      return scopes ? { kind: 'api_key', keyId: key, workspaceId, scopes } : null;
    }
    return state.signedOut ? null : { kind: 'user', userId: 'owner', workspaceId, role: 'owner' };
  };
  let next = 0;
  const newId = () => `00000000-0000-4000-9000-${String(++next).padStart(12, '0')}`;
  // One set of dependencies for every request, as a server has: the bulk runner is the process's.
  const deps = contextDeps(db, repos, log, undefined, interviewer);
  const app = createApp({
    createContext: async ({ req }) =>
      createInnerContext(deps, await identify(req), {
        now: () => NOW,
        newId,
      }),
    authHandler: async () => new Response(null, { status: 404 }),
    log,
    isReady: () => true,
    limiterStore: databaseLimiters(db),
    ...options,
  });

  /** A REST call with the all-scopes key unless `headers` says otherwise. */
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: {
        'x-api-key': ALL_KEY,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    // A file (a CSV export) is its text; everything else is JSON.
    const json = text && !res.headers.get('content-disposition');
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers by their documented shape
    return { status: res.status, headers: res.headers, text, body: (json ? JSON.parse(text) : undefined) as any };
  }
  return { app, db, repos, deps, workspaceId, state, call };
}
