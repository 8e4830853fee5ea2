import { createRepositories, type Db } from '@stageflow/db';
import { NOW } from '@stageflow/testing';
import { createApiKeyResolver } from './auth/api-keys.ts';
import { createAuth } from './auth/better-auth.ts';
import { createIdentify } from './auth/identify.ts';
import { type ContextDeps, contextDeps, createRequestContext } from './context.ts';
import { createApp } from './http/app.ts';
import { databaseLimiters } from './http/limiter-store.ts';
import type { RateLimitOptions } from './http/rate-limit.ts';
import type { InterviewerDeps } from './interviewer/deps.ts';
import { setupApi } from './testing.ts';
import { buildPipeline, person } from './testing-pipeline.ts';

type StageSpecs = Parameters<typeof buildPipeline>[1];
type StageSpec = NonNullable<StageSpecs>[number];

/** A written assessment a participant starts themselves (pass mark 60, auto-advance), with `more` on top. */
export const essayStage = (more: Partial<StageSpec> = {}): StageSpec => ({
  type: 'essay',
  stage_type: 'async_assessment',
  pass_threshold: 60,
  automation_rule: 'auto_advance',
  ...more,
});

/** Calls the portal API as the holder of `token` (a bearer credential), with a JSON body when given. */
export const portalApiCaller =
  (app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }) =>
  (token: string, method: string, path: string, body?: unknown) =>
    app.request(`/api/portal/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

/**
 * The portal's pages as the holder of `token` sees them in a browser: the link opened and Continue pressed (the
 * portal cookie), then pages fetched and forms posted with that cookie (or other `headers`, to test without it).
 */
export async function portalPagesAs(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  token: string,
) {
  const cookie = (await app.request(`/p/${token}`, { method: 'POST' })).headers.get('set-cookie')?.split(';')[0] ?? '';
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie } });
    return { status: res.status, html: await res.text() };
  };
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { cookie }) =>
    app.request(path, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  return { cookie, get, post };
}

const PORTAL_SECRET = 'portal-test-secret-portal-test-secret';

/**
 * The app as main.ts wires it (better-auth, API keys, the portal) over one database, with Jane and John
 * in one template (`stages`, else the example pipeline), each with a portal link, and a clock the test
 * moves with `at`. What portal tests start from.
 */
export async function setupPortal({
  stages: specs,
  expiresInDays,
  limits = {},
  interviewer,
  db,
}: {
  stages?: StageSpecs;
  expiresInDays?: number;
  limits?: Partial<RateLimitOptions>;
  /** The interviewer's model and client settings (none by default: interviews run on the plan). */
  interviewer?: InterviewerDeps;
  db?: Db;
} = {}) {
  let now = NOW;
  const clock = () => now;
  const t = setupApi({ now: clock, ...(interviewer ? { interviewer } : {}), ...(db ? { db } : {}) });
  const { template, stages } = await buildPipeline(t.api, specs);
  const enrol = (name: string) => t.api.participants.create({ evaluation_template_id: template.id, ...person(name) });
  const jane = await enrol('Jane Doe');
  const john = await enrol('John Roe');
  const linkFor = (participant_id: string) =>
    t.api.participants.portalLink({ participant_id, ...(expiresInDays ? { expires_in_days: expiresInDays } : {}) });
  const janeLink = await linkFor(jane.id);
  const johnLink = await linkFor(john.id);
  /** The app over `deps`: the test's own, or those of a server started again over the same database. */
  const appOver = (deps: ContextDeps & { db: Db }) => {
    const auth = createAuth({ db: deps.db, baseURL: 'http://localhost', secret: PORTAL_SECRET, rateLimit: false });
    return createApp({
      createContext: createRequestContext(deps, createIdentify(auth, deps.reads, createApiKeyResolver(deps.reads))),
      authHandler: auth.handler,
      log: deps.log,
      isReady: () => true,
      limiterStore: databaseLimiters(deps.db),
      publicUrl: 'http://localhost',
      rateLimits: { apiKeyPerMinute: 600, failedSignIns: 10, failedSignInMinutes: 15, trustProxy: false, ...limits },
      portal: {
        storage: deps.storage,
        secret: PORTAL_SECRET,
        now: clock,
        interviewer: deps.interviewer,
      },
    });
  };
  const app = appOver(t.deps);
  return {
    t,
    app,
    /** The app as a restarted server builds it over `db`: new repositories, storage and prepared statements. */
    restartOver: (reopened: Db) =>
      appOver(contextDeps(reopened, createRepositories(reopened), t.deps.log, undefined, t.deps.interviewer)),
    template,
    stages,
    jane,
    john,
    janeLink,
    johnLink,
    at: (iso: string) => {
      now = iso;
    },
    /** The tests' clock, as the app reads it. */
    clock,
  };
}
