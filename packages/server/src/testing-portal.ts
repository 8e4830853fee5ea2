import { NOW } from '@stageflow/testing';
import { createApiKeyResolver } from './auth/api-keys.ts';
import { createAuth } from './auth/better-auth.ts';
import { createIdentify } from './auth/identify.ts';
import { createRequestContext } from './context.ts';
import { createApp } from './http/app.ts';
import type { RateLimitOptions } from './http/rate-limit.ts';
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
 * The app as main.ts wires it (better-auth, API keys, the portal) over one database, with Jane and John
 * in one template (`stages`, else the example pipeline), each with a portal link, and a clock the test
 * moves with `at`. What portal tests start from.
 */
export async function setupPortal({
  stages: specs,
  expiresInDays,
  limits = {},
}: {
  stages?: StageSpecs;
  expiresInDays?: number;
  limits?: Partial<RateLimitOptions>;
} = {}) {
  let now = NOW;
  const clock = () => now;
  const t = setupApi({ now: clock });
  const { template, stages } = await buildPipeline(t.api, specs);
  const enrol = (name: string) => t.api.participants.create({ evaluation_template_id: template.id, ...person(name) });
  const jane = await enrol('Jane Doe');
  const john = await enrol('John Roe');
  const linkFor = (participant_id: string) =>
    t.api.participants.portalLink({ participant_id, ...(expiresInDays ? { expires_in_days: expiresInDays } : {}) });
  const janeLink = await linkFor(jane.id);
  const johnLink = await linkFor(john.id);
  const secret = 'portal-test-secret-portal-test-secret';
  const auth = createAuth({ db: t.db, baseURL: 'http://localhost', secret, rateLimit: false });
  const app = createApp({
    createContext: createRequestContext(t.deps, createIdentify(auth, t.repos, createApiKeyResolver(t.repos))),
    authHandler: auth.handler,
    log: t.deps.log,
    isReady: () => true,
    publicUrl: 'http://localhost',
    rateLimits: { apiKeyPerMinute: 600, failedSignIns: 10, failedSignInMinutes: 15, trustProxy: false, ...limits },
    portal: { storage: t.deps.storage, repos: t.repos, secret, now: clock },
  });
  return {
    t,
    app,
    template,
    stages,
    jane,
    john,
    janeLink,
    johnLink,
    at: (iso: string) => {
      now = iso;
    },
  };
}
