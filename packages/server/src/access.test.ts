/**
 * Isolation and access over EVERY tRPC procedure, enumerated from the router: a procedure added
 * without a case here fails the first test. For each one:
 * - without credentials it answers UNAUTHORIZED;
 * - called by another workspace's owner on this workspace's ids it gets NOT_FOUND (or an answer
 *   with none of this workspace's data) and changes none of this workspace's rows;
 * - each role and each API key (with and without the declared scope) gets exactly what the scope
 *   allows: FORBIDDEN below it, anything but FORBIDDEN/UNAUTHORIZED at or above it.
 */
import { hasRole, ROLES } from '@stageflow/domain';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from './auth/principal.ts';
import { API_KEY_SCOPES, isApiKeyScope, roleFor, type Scope } from './auth/scopes.ts';
import { createCaller } from './caller.ts';
import { createInnerContext } from './context.ts';
import { appRouter } from './routers/index.ts';
import { type AccessFixture, buildAccessFixture, idsOfA, snapshotOfA } from './testing-access.ts';
import { person, scores } from './testing-pipeline.ts';

type Case = (f: AccessFixture) => unknown;
const uuid = () => crypto.randomUUID();

/** A valid input for every procedure, naming the fixture's (workspace A's) rows. */
const CASES: Record<string, Case> = {
  'account.me': () => undefined,
  'account.invitation': () => ({ id: uuid() }),
  'account.members': () => undefined,

  'agentProfiles.list': () => ({}),
  'agentProfiles.byId': (f) => ({ id: f.interviewer.id }),
  'agentProfiles.create': () => ({
    name: 'Eve',
    persona: 'p',
    use_case: 'hiring',
    evaluation_dimensions: [{ name: 'A', weight: 100 }],
  }),
  'agentProfiles.update': (f) => ({ id: f.interviewer.id, name: 'Renamed' }),
  'agentProfiles.archive': (f) => ({ id: f.interviewer.id }),

  'templates.list': () => ({}),
  'templates.byId': (f) => ({ id: f.template.id }),
  'templates.create': () => ({ template_name: 'New', use_case: 'hiring' }),
  'templates.update': (f) => ({ id: f.template.id, template_name: 'Renamed' }),
  'templates.archive': (f) => ({ id: f.template.id }),
  'templates.duplicate': (f) => ({ id: f.template.id }),

  'stages.list': (f) => ({ evaluation_template_id: f.template.id }),
  'stages.byId': (f) => ({ id: f.stages[0]!.id }),
  'stages.create': (f) => ({ evaluation_template_id: f.template.id, type: 'extra', stage_type: 'manual_review' }),
  'stages.update': (f) => ({ id: f.stages[1]!.id, pass_threshold: 10 }),
  'stages.reorder': (f) => ({ evaluation_template_id: f.template.id, stage_ids: f.stages.map((s) => s.id).reverse() }),
  'stages.archive': (f) => ({ id: f.stages[2]!.id }),
  'stages.delete': (f) => ({ id: f.stages[2]!.id }),
  'stages.validate': (f) => ({ evaluation_template_id: f.template.id }),
  'stages.usage': (f) => ({ evaluation_template_id: f.template.id }),
  'stages.import': (f) => ({
    evaluation_template_id: f.template.id,
    stages: [{ stage_name: 'Extra', stage_type: 'manual_review' }],
  }),
  'stages.export': (f) => ({ evaluation_template_id: f.template.id }),

  'participants.list': () => ({}),
  'participants.byId': (f) => ({ id: f.jane.id }),
  'participants.timeline': (f) => ({ id: f.jane.id }),
  'participants.export': () => ({}),
  'participants.alreadyEnrolled': (f) => ({ evaluation_template_id: f.template.id, emails: [f.jane.email] }),
  'participants.create': (f) => ({ evaluation_template_id: f.template.id, ...person('New') }),
  'participants.bulkCreate': (f) => ({ evaluation_template_id: f.template.id, participants: [person('Bulk')] }),
  'participants.update': (f) => ({ id: f.jane.id, name: 'Renamed' }),
  'participants.advance': (f) => ({ participant_id: f.jane.id, note: 'n' }),
  'participants.reject': (f) => ({ participant_id: f.jane.id, note: 'n' }),
  'participants.withdraw': (f) => ({ participant_id: f.jane.id, note: 'n' }),
  'participants.board': (f) => ({ evaluation_template_id: f.template.id }),
  'participants.count': (f) => ({ evaluation_template_id: f.template.id }),
  'bulkActions.create': (f) => ({ action: 'advance', dry_run: true, participant_ids: [f.jane.id], note: 'n' }),
  'bulkActions.byId': (f) => ({ id: f.bulkActionId }),
  'participants.portalLink': (f) => ({ participant_id: f.jane.id }),
  'participants.revokePortalLink': (f) => ({ participant_id: f.jane.id }),
  'participants.sendPortalLink': (f) => ({ participant_id: f.jane.id }),

  'sessions.list': () => ({}),
  'sessions.byId': (f) => ({ id: f.session.id }),
  'sessions.answers': (f) => ({ id: f.session.id }),
  'sessions.transcript': (f) => ({ id: f.session.id }),
  'sessions.schedule': (f) => ({ participant_id: f.jane.id, force: true }),
  'sessions.reschedule': (f) => ({ session_id: f.session.id, scheduled_at: '2030-01-01T10:00:00.000Z' }),
  'sessions.start': (f) => ({ session_id: f.session.id }),
  'sessions.complete': (f) => ({ session_id: f.session.id, ...scores(8, 8) }),
  'sessions.fail': (f) => ({ session_id: f.session.id }),
  'sessions.cancel': (f) => ({ session_id: f.session.id }),
  // The fixture's model cannot be reached: scoring answers `not_scored`, and records why.
  'sessions.score': (f) => ({ session_id: f.deeSession.id }),
  'sessions.replaceScorecard': (f) => ({ session_id: f.caiSession.id, overall_score: 80, note: 'n' }),
  'sessions.recordResult': (f) => ({ participant_id: f.jane.id, ...scores(8, 8) }),

  'decisions.list': () => ({}),
  'decisions.openCount': () => undefined,
  'decisions.awaitingScore': () => ({}),
  'decisions.decide': (f) => ({ decision_id: f.decision.id, outcome: 'advance' }),

  'events.list': () => ({}),

  'apiKeys.list': () => undefined,
  'apiKeys.create': () => ({ name: 'New', scopes: ['events.read'] }),
  'apiKeys.revoke': (f) => ({ id: f.apiKey.id }),
  'apiKeys.roll': (f) => ({ id: f.apiKey.id }),

  'portalNotice.get': () => ({}),
  'portalNotice.update': () => ({ organization: 'Acme Hiring', transcript_retention_days: 30 }),
  'interviewerModel.get': () => undefined,
  'interviewerModel.update': () => ({ base_url: 'http://127.0.0.1:9/v1', model: 'renamed' }),
  'interviewerModel.reset': () => undefined,
  'interviewerModel.test': () => undefined,

  'webhooks.list': () => undefined,
  'webhooks.create': () => ({ url: 'https://hooks.example.com/new' }),
  'webhooks.byId': (f) => ({ id: f.webhook.id }),
  'webhooks.update': (f) => ({ id: f.webhook.id, enabled: false }),
  'webhooks.delete': (f) => ({ id: f.webhook.id }),
  'webhooks.rotateSecret': (f) => ({ id: f.webhook.id }),
  'webhooks.deliveries': (f) => ({ id: f.webhook.id }),
  'webhooks.replay': (f) => ({ id: f.webhook.id, delivery_id: f.webhookDelivery.id }),
  'webhooks.sendTest': (f) => ({ id: f.webhook.id }),
  'mail.setup': () => undefined,
  'mail.list': () => ({}),
  'mail.byId': (f) => ({ id: f.mail.id }),
  'mail.preferences': () => ({}),
  'mail.updatePreferences': () => ({ review_digest: true }),

  'analytics.report': (f) => ({ evaluation_template_id: f.template.id }),
  'analytics.funnel': (f) => ({ evaluation_template_id: f.template.id }),
  'analytics.scores': (f) => ({ evaluation_template_id: f.template.id }),
  'analytics.openDecisions': (f) => ({ evaluation_template_id: f.template.id }),
  'analytics.simulate': (f) => ({
    evaluation_template_id: f.template.id,
    changes: [{ stage_id: f.stages[0]!.id, pass_threshold: 99 }],
  }),
  'analytics.adverseImpact': (f) => ({ evaluation_template_id: f.template.id }),

  'selfIdentification.record': (f) => ({ participant_id: f.jane.id, sex: 'female', race_ethnicity: 'asian' }),
  // Nobody of that id is a member: NOT_FOUND at most (grants to real admins: self-identification.test.ts).
  'demographicsAccess.list': () => undefined,
  'demographicsAccess.grant': () => ({ user_id: 'not-a-member' }),
  'demographicsAccess.revoke': () => ({ user_id: 'not-a-member' }),
};

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { scope?: Scope } } }
>;
const paths = Object.keys(procedures).sort();

function callAs(f: AccessFixture, principal: Principal | null, path: string) {
  const caller = createCaller(createInnerContext(f.t.deps, principal)) as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<unknown>>
  >;
  const [group, name] = path.split('.') as [string, string];
  return caller[group]![name]!(CASES[path]!(f));
}

const codeOf = async (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (e: unknown) => (e instanceof TRPCError ? e.code : `THREW ${String(e)}`),
  );

test('every procedure has an access case (add one above when you add a procedure)', () => {
  expect(paths.filter((p) => !(p in CASES))).toEqual([]);
  expect(Object.keys(CASES).filter((p) => !paths.includes(p))).toEqual([]);
});

test('every workspace procedure declares exactly one scope', () => {
  const undeclared = paths.filter((p) => !p.startsWith('account.') && !procedures[p]!._def.meta?.scope);
  expect(undeclared).toEqual([]);
});

test('the scopes give the roles of docs/surfaces.md: viewers read, reviewers score and decide, admins the rest', () => {
  const expected = (path: string) => {
    const { type } = procedures[path]!._def;
    if (path.startsWith('apiKeys.')) return 'admin'; // keys are secrets: even listing them is for admins
    if (path.startsWith('interviewerModel.')) return 'admin'; // where participants' answers go: admins decide and see
    if (path.startsWith('webhooks.')) return 'admin'; // where participants' data is sent, and what was sent: admins
    if (path === 'mail.list' || path === 'mail.byId') return 'owner'; // the outbox holds links that let people in
    if (path === 'mail.updatePreferences') return 'reviewer'; // the digest of open decisions is for those who decide
    if (path === 'analytics.simulate') return 'viewer'; // a read that takes its question as a body: nothing is saved
    // Self-identification figures and who reads them: owners (and admins an owner grants them to).
    if (path === 'analytics.adverseImpact' || path.startsWith('demographicsAccess.')) return 'owner';
    if (type === 'query') return 'viewer';
    return path.startsWith('sessions.') || path === 'decisions.decide' ? 'reviewer' : 'admin';
  };
  const declared = paths.filter((p) => procedures[p]!._def.meta?.scope);
  expect(Object.fromEntries(declared.map((p) => [p, roleFor(procedures[p]!._def.meta!.scope!)]))).toEqual(
    Object.fromEntries(declared.map((p) => [p, expected(p)])),
  );
});

describe.each(paths)('%s', (path) => {
  const scope = procedures[path]!._def.meta?.scope;
  let fixture: AccessFixture;
  beforeAll(async () => {
    fixture = await buildAccessFixture();
  });

  test('without credentials: UNAUTHORIZED', async () => {
    expect(await codeOf(callAs(fixture, null, path))).toBe('UNAUTHORIZED');
  });

  test("another workspace's owner: nothing of this workspace read or changed", async () => {
    const before = await snapshotOfA(fixture);
    const outsider: Principal = {
      kind: 'user',
      userId: 'outsider',
      workspaceId: fixture.t.otherWorkspaceId,
      role: 'owner',
    };
    const result = await callAs(fixture, outsider, path).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if ('error' in result) {
      expect(result.error).toBeInstanceOf(TRPCError);
      expect(['NOT_FOUND', 'UNAUTHORIZED']).toContain((result.error as TRPCError).code);
    } else {
      // Creations land in the outsider's own workspace (or are refused); nothing names A's rows.
      const text = JSON.stringify(result.value ?? null);
      for (const id of idsOfA(fixture)) expect(text).not.toContain(id);
    }
    expect(await snapshotOfA(fixture)).toEqual(before);
  });

  if (!scope) return;

  test.each(ROLES)(`role %s gets what ${scope} allows`, async (role) => {
    const f = await buildAccessFixture();
    const principal: Principal = { kind: 'user', userId: `${role}-user`, workspaceId: f.t.workspaceId, role };
    const code = await codeOf(callAs(f, principal, path));
    if (hasRole(role, roleFor(scope))) expect(code).not.toMatch(/FORBIDDEN|UNAUTHORIZED|THREW/);
    else expect(code).toBe('FORBIDDEN');
  });

  test('API keys: with the scope allowed (if keys may have it), without it FORBIDDEN', async () => {
    const f = await buildAccessFixture();
    const key = (scopes: (typeof API_KEY_SCOPES)[number][]): Principal => ({
      kind: 'api_key',
      keyId: 'k',
      workspaceId: f.t.workspaceId,
      scopes,
    });
    const others = API_KEY_SCOPES.filter((s) => s !== scope);
    expect(await codeOf(callAs(f, key(others), path))).toBe('FORBIDDEN');
    const withScope = await codeOf(callAs(f, key([...API_KEY_SCOPES]), path));
    if (isApiKeyScope(scope)) expect(withScope).not.toMatch(/FORBIDDEN|UNAUTHORIZED|THREW/);
    else expect(withScope).toBe('FORBIDDEN');
  });
});
