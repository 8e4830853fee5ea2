/**
 * Isolation and access over EVERY REST route of `/api/v1`, enumerated from `restOperations()`: a
 * route added without a case here fails the first test. The mirror of access.test.ts (same
 * fixture, testing-access.ts), but over HTTP through the whole app (`app.request`): rate limits,
 * the cross-site check, the REST adapter and real API keys issued with `issueApiKey` and resolved
 * from their hash. For each route, on one fixture (denied calls first, then the allowed ones):
 * - workspace B's key with every scope, on A's ids: 404 (or an answer naming none of A's ids),
 *   and none of A's rows changed;
 * - without credentials: 401 in the `{ error, issues }` shape;
 * - a key of A without the route's scope: 403, nothing changed; with every scope: not 401/403;
 * - a cookie session of each role: 403 below the role the scope needs, not 401/403 at or above.
 *   The session is resolved by a stand-in at the `identify` seam (as rest-testing.ts does): how
 *   better-auth turns a cookie into a member's role is tested in auth/better-auth.test.ts.
 */

import { hasRole, ROLES, type Role } from '@stageflow/domain';
import { beforeAll, describe, expect, test } from 'vitest';
import { createApiKeyResolver } from '../auth/api-keys.ts';
import type { Identity } from '../auth/identify.ts';
import { API_KEY_SCOPES, type ApiKeyScope, isApiKeyScope, MEMBER_ONLY_SCOPES, roleFor } from '../auth/scopes.ts';
import { createRequestContext } from '../context.ts';
import { setupApi } from '../testing.ts';
import { type AccessFixture, buildAccessFixture, idsOfA, snapshotOfA } from '../testing-access.ts';
import { storeTestKey } from '../testing-keys.ts';
import { person, scores } from '../testing-pipeline.ts';
import { createApp } from './app.ts';
import { CLIENT_HEADER } from './csrf.ts';
import { databaseLimiters } from './limiter-store.ts';
import { type RestOperation, restOperations } from './rest-routes.ts';

/** A request for a route: the URL under `/api/v1` (with A's ids and any query) and the JSON body. */
/** The fixture over SQLite: the app here reads its keys and rate limits from the database itself. */
type SqliteFixture = AccessFixture<ReturnType<typeof setupApi>>;
type Case = (f: SqliteFixture) => { url: string; body?: unknown };

const CASES: Record<string, Case> = {
  'GET /agent-profiles': () => ({ url: '/agent-profiles?status=all' }),
  'GET /agent-profiles/{id}': (f) => ({ url: `/agent-profiles/${f.interviewer.id}` }),
  'POST /agent-profiles': () => ({
    url: '/agent-profiles',
    body: { name: 'Eve', persona: 'p', use_case: 'hiring', evaluation_dimensions: [{ name: 'A', weight: 100 }] },
  }),
  'PATCH /agent-profiles/{id}': (f) => ({ url: `/agent-profiles/${f.interviewer.id}`, body: { name: 'Renamed' } }),
  'POST /agent-profiles/{id}/archive': (f) => ({ url: `/agent-profiles/${f.interviewer.id}/archive` }),

  'GET /evaluation-templates': () => ({ url: '/evaluation-templates?status=all' }),
  'GET /evaluation-templates/{id}': (f) => ({ url: `/evaluation-templates/${f.template.id}` }),
  'POST /evaluation-templates': () => ({
    url: '/evaluation-templates',
    body: { template_name: 'New', use_case: 'hiring' },
  }),
  'PATCH /evaluation-templates/{id}': (f) => ({
    url: `/evaluation-templates/${f.template.id}`,
    body: { template_name: 'Renamed' },
  }),
  'POST /evaluation-templates/{id}/archive': (f) => ({ url: `/evaluation-templates/${f.template.id}/archive` }),
  'POST /evaluation-templates/{id}/duplicate': (f) => ({ url: `/evaluation-templates/${f.template.id}/duplicate` }),

  'GET /evaluation-stages': (f) => ({ url: `/evaluation-stages?evaluation_template_id=${f.template.id}` }),
  'GET /evaluation-stages/{id}': (f) => ({ url: `/evaluation-stages/${f.stages[0]!.id}` }),
  'POST /evaluation-stages': (f) => ({
    url: '/evaluation-stages',
    body: { evaluation_template_id: f.template.id, type: 'extra', stage_type: 'manual_review' },
  }),
  'PATCH /evaluation-stages/{id}': (f) => ({
    url: `/evaluation-stages/${f.stages[1]!.id}`,
    body: { pass_threshold: 10 },
  }),
  'POST /evaluation-stages/reorder': (f) => ({
    url: '/evaluation-stages/reorder',
    body: { evaluation_template_id: f.template.id, stage_ids: f.stages.map((s) => s.id).reverse() },
  }),
  'POST /evaluation-stages/{id}/archive': (f) => ({ url: `/evaluation-stages/${f.stages[2]!.id}/archive` }),
  'DELETE /evaluation-stages/{id}': (f) => ({ url: `/evaluation-stages/${f.stages[2]!.id}` }),
  'POST /evaluation-stages/import': (f) => ({
    url: '/evaluation-stages/import',
    body: { evaluation_template_id: f.template.id, stages: [{ stage_name: 'Extra', stage_type: 'manual_review' }] },
  }),
  'GET /evaluation-stages/export': (f) => ({
    url: `/evaluation-stages/export?evaluation_template_id=${f.template.id}`,
  }),
  'GET /evaluation-stages/usage': (f) => ({
    url: `/evaluation-stages/usage?evaluation_template_id=${f.template.id}`,
  }),

  'GET /participants': () => ({ url: '/participants' }),
  'GET /participants/{id}': (f) => ({ url: `/participants/${f.jane.id}` }),
  'GET /participants/{id}/timeline': (f) => ({ url: `/participants/${f.jane.id}/timeline` }),
  'GET /participants/export.csv': () => ({ url: '/participants/export.csv' }),
  'POST /participants': (f) => ({
    url: '/participants',
    body: { evaluation_template_id: f.template.id, ...person('New') },
  }),
  'POST /participants/already-enrolled': (f) => ({
    url: '/participants/already-enrolled',
    body: { evaluation_template_id: f.template.id, emails: [f.jane.email] },
  }),
  'POST /participants/bulk': (f) => ({
    url: '/participants/bulk',
    body: { evaluation_template_id: f.template.id, participants: [person('Bulk')] },
  }),
  'PATCH /participants/{id}': (f) => ({ url: `/participants/${f.jane.id}`, body: { name: 'Renamed' } }),
  'GET /participants/count': (f) => ({ url: `/participants/count?evaluation_template_id=${f.template.id}` }),
  'POST /participants/bulk-actions': (f) => ({
    url: '/participants/bulk-actions',
    body: { action: 'advance', dry_run: true, participant_ids: [f.jane.id], note: 'n' },
  }),
  'GET /participants/bulk-actions/{id}': (f) => ({ url: `/participants/bulk-actions/${f.bulkActionId}` }),
  'POST /participants/{participant_id}/advance': (f) => ({
    url: `/participants/${f.jane.id}/advance`,
    body: { note: 'n' },
  }),
  'POST /participants/{participant_id}/reject': (f) => ({
    url: `/participants/${f.jane.id}/reject`,
    body: { note: 'n' },
  }),
  'POST /participants/{participant_id}/withdraw': (f) => ({
    url: `/participants/${f.jane.id}/withdraw`,
    body: { note: 'n' },
  }),
  'POST /participants/{participant_id}/portal-link': (f) => ({
    url: `/participants/${f.jane.id}/portal-link`,
    body: { expires_in_days: 7 },
  }),
  'POST /participants/{participant_id}/portal-link/send': (f) => ({
    url: `/participants/${f.jane.id}/portal-link/send`,
    body: { expires_in_days: 7 },
  }),
  'POST /participants/{participant_id}/portal-link/revoke': (f) => ({
    url: `/participants/${f.jane.id}/portal-link/revoke`,
  }),
  'POST /participants/{participant_id}/results': (f) => ({
    url: `/participants/${f.jane.id}/results`,
    body: scores(8, 8),
  }),

  'GET /sessions': (f) => ({ url: `/sessions?participant_id=${f.jane.id}` }),
  'GET /sessions/{id}': (f) => ({ url: `/sessions/${f.session.id}` }),
  'GET /sessions/{id}/answers': (f) => ({ url: `/sessions/${f.session.id}/answers` }),
  'GET /sessions/{id}/transcript': (f) => ({ url: `/sessions/${f.session.id}/transcript` }),
  'POST /sessions': (f) => ({ url: '/sessions', body: { participant_id: f.jane.id, force: true } }),
  'POST /sessions/{session_id}/reschedule': (f) => ({
    url: `/sessions/${f.session.id}/reschedule`,
    body: { scheduled_at: '2030-01-01T10:00:00.000Z' },
  }),
  'POST /sessions/{session_id}/start': (f) => ({ url: `/sessions/${f.session.id}/start` }),
  'POST /sessions/{session_id}/complete': (f) => ({ url: `/sessions/${f.session.id}/complete`, body: scores(8, 8) }),
  'POST /sessions/{session_id}/fail': (f) => ({ url: `/sessions/${f.session.id}/fail` }),
  'POST /sessions/{session_id}/cancel': (f) => ({ url: `/sessions/${f.session.id}/cancel` }),
  // The fixture's model cannot be reached: scoring answers `not_scored`, and records why.
  'POST /sessions/{session_id}/score': (f) => ({ url: `/sessions/${f.deeSession.id}/score` }),
  'POST /sessions/{session_id}/replace-scorecard': (f) => ({
    url: `/sessions/${f.caiSession.id}/replace-scorecard`,
    body: { overall_score: 80, note: 'n' },
  }),

  'GET /portal-notice': () => ({ url: '/portal-notice' }),
  'PUT /portal-notice': () => ({ url: '/portal-notice', body: { contact: 'people@acme.example' } }),

  'GET /decisions': () => ({ url: '/decisions?status=open' }),
  'GET /decisions/awaiting-score': () => ({ url: '/decisions/awaiting-score' }),
  'POST /decisions/{decision_id}/decide': (f) => ({
    url: `/decisions/${f.decision.id}/decide`,
    body: { outcome: 'advance' },
  }),

  'GET /events': () => ({ url: '/events' }),

  'GET /interviewer-model': () => ({ url: '/interviewer-model' }),
  'PUT /interviewer-model': () => ({
    url: '/interviewer-model',
    body: { base_url: 'http://127.0.0.1:9/v1', model: 'renamed' },
  }),
  'DELETE /interviewer-model': () => ({ url: '/interviewer-model' }),
  'POST /interviewer-model/test': () => ({ url: '/interviewer-model/test' }),

  'GET /webhook-endpoints': () => ({ url: '/webhook-endpoints' }),
  'POST /webhook-endpoints': () => ({ url: '/webhook-endpoints', body: { url: 'https://hooks.example.com/new' } }),
  'GET /webhook-endpoints/{id}': (f) => ({ url: `/webhook-endpoints/${f.webhook.id}` }),
  'PATCH /webhook-endpoints/{id}': (f) => ({ url: `/webhook-endpoints/${f.webhook.id}`, body: { enabled: false } }),
  'DELETE /webhook-endpoints/{id}': (f) => ({ url: `/webhook-endpoints/${f.webhook.id}` }),
  'POST /webhook-endpoints/{id}/rotate-secret': (f) => ({ url: `/webhook-endpoints/${f.webhook.id}/rotate-secret` }),
  'GET /webhook-endpoints/{id}/deliveries': (f) => ({ url: `/webhook-endpoints/${f.webhook.id}/deliveries` }),
  'POST /webhook-endpoints/{id}/deliveries/{delivery_id}/replay': (f) => ({
    url: `/webhook-endpoints/${f.webhook.id}/deliveries/${f.webhookDelivery.id}/replay`,
  }),
  'POST /webhook-endpoints/{id}/test': (f) => ({ url: `/webhook-endpoints/${f.webhook.id}/test` }),
  'GET /mail/outbox': () => ({ url: '/mail/outbox?status=not_sent' }),
  'GET /mail/outbox/{id}': (f) => ({ url: `/mail/outbox/${f.mail.id}` }),
  'GET /mail/preferences': () => ({ url: '/mail/preferences' }),
  'PUT /mail/preferences': () => ({ url: '/mail/preferences', body: { review_digest: true } }),

  'GET /analytics/report': (f) => ({ url: `/analytics/report?evaluation_template_id=${f.template.id}` }),
  'GET /analytics/funnel': (f) => ({ url: `/analytics/funnel?evaluation_template_id=${f.template.id}` }),
  'GET /analytics/scores': (f) => ({ url: `/analytics/scores?evaluation_template_id=${f.template.id}` }),
  'GET /analytics/open-decisions': (f) => ({
    url: `/analytics/open-decisions?evaluation_template_id=${f.template.id}`,
  }),
  'POST /analytics/simulate': (f) => ({
    url: '/analytics/simulate',
    body: { evaluation_template_id: f.template.id, changes: [{ stage_id: f.stages[0]!.id, pass_threshold: 99 }] },
  }),
  'GET /analytics/adverse-impact': (f) => ({
    url: `/analytics/adverse-impact?evaluation_template_id=${f.template.id}`,
  }),

  'PUT /participants/{participant_id}/self-identification': (f) => ({
    url: `/participants/${f.jane.id}/self-identification`,
    body: { sex: 'female', race_ethnicity: 'decline_to_answer' },
  }),
};

const operations = restOperations();
const routeOf = (op: RestOperation) => `${op.method} ${op.path}`;
const routes = operations.map(routeOf).sort();

/** The whole app over the fixture's database, with real keys: B's with every scope, A's with and without `scope`. */
async function restAccess(f: SqliteFixture, scope: ApiKeyScope | undefined) {
  const { db, repos } = f.t;
  const resolveApiKey = createApiKeyResolver(repos);
  const issue = async (workspaceId: string, scopes: readonly (ApiKeyScope | 'all')[]) => {
    const now = new Date().toISOString();
    const { key } = storeTestKey(db, repos, workspaceId, { scopes, now });
    // Resolve it once now: its first use records `last_used_at`, which would otherwise show up as a change.
    await resolveApiKey(key);
    return key;
  };
  const keys = {
    outsider: await issue(f.t.otherWorkspaceId, ['all']),
    all: await issue(f.t.workspaceId, ['all']),
    withoutScope: await issue(
      f.t.workspaceId,
      API_KEY_SCOPES.filter((s) => s !== scope),
    ),
  };
  const SESSION_COOKIE = 'stageflow_test_session=';
  const identify = async (req: Request): Promise<Identity> => {
    const key = req.headers.get('x-api-key');
    if (key) return resolveApiKey(key);
    const role = req.headers.get('cookie')?.match(/stageflow_test_session=(\w+)/)?.[1] as Role | undefined;
    return role ? { kind: 'user', userId: `${role}-user`, workspaceId: f.t.workspaceId, role } : null;
  };
  const app = createApp({
    createContext: createRequestContext(f.t.deps, identify),
    authHandler: async () => new Response(null, { status: 404 }),
    log: f.t.deps.log,
    isReady: () => true,
    limiterStore: databaseLimiters(f.t.db),
    rateLimits: { apiKeyPerMinute: 10_000, failedSignIns: 10, failedSignInMinutes: 15, trustProxy: false },
  });

  /**
   * The route's request with these credentials; a session (and `{ web: true }`, no credentials from
   * the app's own page) sends the app's client header, without which a cookie write is refused as cross-site.
   */
  async function call(route: string, credentials: { key?: string; role?: Role; web?: boolean }) {
    const { url, body } = CASES[route]!(f);
    const method = route.split(' ')[0]!;
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (credentials.key) headers['x-api-key'] = credentials.key;
    if (credentials.role) headers.cookie = `${SESSION_COOKIE}${credentials.role}`;
    if (credentials.role || credentials.web) headers[CLIENT_HEADER] = 'web';
    const res = await app.request(`/api/v1${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json = text && res.headers.get('content-type')?.includes('json');
    return { status: res.status, text, body: json ? (JSON.parse(text) as unknown) : undefined };
  }
  return { keys, call };
}

const expectErrorShape = (res: { status: number; body: unknown; text: string }, status: number) => {
  expect(res.status, res.text).toBe(status);
  expect(res.body).toEqual({ error: expect.any(String), issues: expect.any(Array) });
};

test('every REST route has an access case (add one above when you add a route)', () => {
  expect(routes.filter((r) => !(r in CASES))).toEqual([]);
  expect(Object.keys(CASES).filter((r) => !routes.includes(r))).toEqual([]);
});

test('every REST route declares a scope an API key may hold, or one for members with a session', () => {
  const memberOnly = (op: RestOperation) => (MEMBER_ONLY_SCOPES as readonly string[]).includes(op.scope ?? '');
  expect(operations.filter((op) => !op.scope || !(isApiKeyScope(op.scope) || memberOnly(op))).map(routeOf)).toEqual([]);
  // Member-only routes: a member's own settings, the owners' outbox (docs/mail.md), and the self-identification
  // figures, which go to people an owner named (docs/decisions/028-self-identification-and-adverse-impact.md).
  expect(operations.filter(memberOnly).map(routeOf).sort()).toEqual([
    'GET /analytics/adverse-impact',
    'GET /mail/outbox',
    'GET /mail/outbox/{id}',
    'GET /mail/preferences',
    'PUT /mail/preferences',
  ]);
});

describe.each(routes)('%s', (route) => {
  const scope = operations.find((op) => routeOf(op) === route)!.scope as ApiKeyScope;
  // A scope no key may hold: every key is refused, a session of the right role is not.
  const keysRefused = !isApiKeyScope(scope);
  let f: SqliteFixture;
  let rest: Awaited<ReturnType<typeof restAccess>>;
  beforeAll(async () => {
    f = await buildAccessFixture(setupApi());
    rest = await restAccess(f, scope);
  });

  test("workspace B's key on A's ids: not found or nothing of A's, and A unchanged", async () => {
    const before = await snapshotOfA(f);
    const res = await rest.call(route, { key: rest.keys.outsider });
    if (keysRefused) expectErrorShape(res, 403);
    else if (res.status >= 400) expectErrorShape(res, 404);
    else for (const id of idsOfA(f)) expect(res.text).not.toContain(id);
    expect(await snapshotOfA(f)).toEqual(before);
  });

  test('without credentials: 401 { error, issues } (a write without the client header: 403 cross-site)', async () => {
    expectErrorShape(await rest.call(route, { web: true }), 401);
    expectErrorShape(await rest.call(route, {}), route.startsWith('GET ') ? 401 : 403);
  });

  test(`a key of A without ${scope}: 403, nothing changed`, async () => {
    const before = await snapshotOfA(f);
    const res = await rest.call(route, { key: rest.keys.withoutScope });
    expectErrorShape(res, 403);
    expect(res.body).toMatchObject({ error: expect.stringContaining(keysRefused ? 'API keys' : scope) });
    expect(await snapshotOfA(f)).toEqual(before);
  });

  const denied = ROLES.filter((role) => !hasRole(role, roleFor(scope)));
  const allowed = ROLES.filter((role) => hasRole(role, roleFor(scope)));

  test.each(denied)(`a %s session: 403 (below ${roleFor(scope)}), nothing changed`, async (role) => {
    const before = await snapshotOfA(f);
    expectErrorShape(await rest.call(route, { role }), 403);
    expect(await snapshotOfA(f)).toEqual(before);
  });

  // Allowed calls run last, the first on the untouched fixture (so the case is a valid request: 200);
  // an earlier success may make a later one a 404/409/412, never a 401/403/5xx.
  test.each(allowed)(`a %s session: allowed (${roleFor(scope)} or above)`, async (role) => {
    const res = await rest.call(route, { role });
    if (role === allowed[0]) expect(res.status, res.text).toBe(200);
    expect(res.status, res.text).not.toBe(401);
    expect(res.status, res.text).not.toBe(403);
    expect(res.status, res.text).toBeLessThan(500);
  });

  test(`a key of A with every scope: ${isApiKeyScope(scope) ? 'allowed' : 'still 403'}`, async () => {
    const res = await rest.call(route, { key: rest.keys.all });
    if (keysRefused) return expectErrorShape(res, 403);
    expect(res.status, res.text).not.toBe(401);
    expect(res.status, res.text).not.toBe(403);
    expect(res.status, res.text).toBeLessThan(500);
  });
});
