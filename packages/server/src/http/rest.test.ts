import { interviewerInput, startFakeModelServer } from '@stageflow/testing';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { modelAnswer, storeInterview } from '../testing-scoring.ts';
import { CLIENT_HEADER } from './csrf.ts';
import { restOperations } from './rest-routes.ts';
import { ALL_KEY, READ_KEY, restApp } from './rest-testing.ts';

let t: ReturnType<typeof restApp>;
beforeEach(() => {
  t = restApp();
});

/** The seed's stage body, verbatim but for the template id. */
const seedStageBody = (templateId: string) => ({
  evaluation_template_id: templateId,
  type: 'technical',
  stage_name: 'Technical Screen',
  stage_type: 'ai_interview',
  stage_order: 1,
  pass_threshold: 75,
  automation_rule: 'require_reviewer_approval',
});

/** A template with an interviewer and the seed's first stage, built over REST. */
async function pipeline() {
  const profile = await t.call('POST', '/agent-profiles', interviewerInput());
  const template = await t.call('POST', '/evaluation-templates', {
    template_name: 'Senior Backend Engineer',
    use_case: 'hiring',
  });
  const screen = await t.call('POST', '/evaluation-stages', {
    evaluation_template_id: template.body.id,
    type: 'phone_screen',
    stage_name: 'Phone Screen',
    stage_type: 'ai_interview',
    agent_profile_id: profile.body.id,
    stage_order: 0,
    pass_threshold: 60,
    automation_rule: 'auto_advance',
  });
  expect(screen.status).toBe(200);
  return { profileId: profile.body.id as string, templateId: template.body.id as string };
}

const expectError = (res: { status: number; body: unknown }, status: number) => {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: expect.any(String), issues: expect.any(Array) });
  for (const issue of (res.body as { issues: unknown[] }).issues) {
    expect(issue).toEqual({ path: expect.any(Array), message: expect.any(String) });
  }
};

describe('POST /api/v1/evaluation-stages', () => {
  test("accepts the seed's body exactly and answers the pipeline with the new stage", async () => {
    const { templateId } = await pipeline();
    const res = await t.call('POST', '/evaluation-stages', seedStageBody(templateId));
    expect(res.status).toBe(200);
    expect(res.body.stage).toMatchObject({
      evaluation_template_id: templateId,
      type: 'technical',
      stage_name: 'Technical Screen',
      stage_type: 'ai_interview',
      stage_order: 1,
      pass_threshold: 75,
      automation_rule: 'require_reviewer_approval',
      duration_minutes: 30,
      allow_retake: false,
    });
    expect(res.body.stages.map((s: { stage_name: string }) => s.stage_name)).toEqual([
      'Phone Screen',
      'Technical Screen',
    ]);

    const read = await t.call('GET', `/evaluation-stages/${res.body.stage.id}`);
    expect(read.body).toEqual(res.body.stage);
    const list = await t.call('GET', `/evaluation-stages?evaluation_template_id=${templateId}`);
    expect(list.body).toHaveLength(2);
  });

  test('PATCH /evaluation-stages/{id} updates and moves; DELETE removes a stage nobody entered', async () => {
    const { templateId } = await pipeline();
    const { body } = await t.call('POST', '/evaluation-stages', seedStageBody(templateId));
    const id = body.stage.id as string;
    const patched = await t.call('PATCH', `/evaluation-stages/${id}`, { pass_threshold: 80, stage_order: 0 });
    expect(patched.status).toBe(200);
    expect(patched.body.stage).toMatchObject({ pass_threshold: 80, stage_order: 0 });
    expect(patched.body.participants_in_flight).toBe(0);
    const deleted = await t.call('DELETE', `/evaluation-stages/${id}?expected_version=${patched.body.version}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.stages).toHaveLength(1);
    expectError(await t.call('GET', `/evaluation-stages/${id}`), 404);
  });
});

describe('errors answer { error, issues } with the right status', () => {
  test('400: a wrong type names the field', async () => {
    const { templateId } = await pipeline();
    const res = await t.call('POST', '/evaluation-stages', { ...seedStageBody(templateId), pass_threshold: '75' });
    expectError(res, 400);
    expect(res.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([['pass_threshold']]);
    expect(res.body.error).toMatch(/^pass_threshold: /);
  });

  test('400: strings are not coerced into booleans, and tRPC is not loosened by REST', async () => {
    const { templateId } = await pipeline();
    expectError(
      await t.call('POST', '/evaluation-stages', { ...seedStageBody(templateId), auto_reject: 'false' }),
      400,
    );
    const trpc = await t.app.request('/trpc/stages.create', {
      method: 'POST',
      headers: { 'x-api-key': ALL_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ ...seedStageBody(templateId), auto_reject: 'false' }),
    });
    expect(trpc.status).toBe(400);
  });

  test.each([
    ['malformed JSON', '{"type": '],
    ['a JSON array', '[1, 2]'],
    ['a string', '"x"'],
    ['null', 'null'],
  ])('400: %s as the body', async (_, raw) => {
    expectError(await t.call('POST', '/evaluation-templates', raw), 400);
  });

  test('400: an unknown field, a non-uuid id, a bad query value', async () => {
    expectError(await t.call('POST', '/evaluation-templates', { template_name: 'T', use_case: 'hiring', x: 1 }), 400);
    expectError(await t.call('GET', '/evaluation-templates/not-a-uuid'), 400);
    expectError(await t.call('GET', '/participants?limit=many'), 400);
    expectError(await t.call('GET', '/participants?limit=0'), 400);
    expectError(await t.call('GET', '/participants?nope=1'), 400);
  });

  test('400: the id in the body must agree with the URL', async () => {
    const { templateId } = await pipeline();
    const res = await t.call('PATCH', `/evaluation-templates/${templateId}`, { id: crypto.randomUUID() });
    expectError(res, 400);
    expect(res.body.issues[0].path).toEqual(['id']);
  });

  test('401 without credentials', async () => {
    t.state.signedOut = true;
    const res = await t.call('GET', '/evaluation-templates', undefined, { 'x-api-key': '' });
    expectError(res, 401);
    expect(res.body.error).toMatch(/x-api-key/);
    expectError(await t.call('GET', '/evaluation-templates', undefined, { 'x-api-key': 'sf_live_unknown' }), 401);
  });

  test('403 for a key without the scope, and nothing is written', async () => {
    const res = await t.call(
      'POST',
      '/evaluation-templates',
      { template_name: 'T', use_case: 'hiring' },
      {
        'x-api-key': READ_KEY,
      },
    );
    expectError(res, 403);
    expect(res.body.error).toMatch(/evaluation_templates\.write/);
    expect((await t.call('GET', '/evaluation-templates', undefined, { 'x-api-key': READ_KEY })).body).toEqual([]);
  });

  test('403 for a cookie write from another site; an API key is not at risk', async () => {
    const body = { template_name: 'T', use_case: 'hiring' };
    const cookie = { 'x-api-key': '', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
    expectError(await t.call('POST', '/evaluation-templates', body, cookie), 403);
    expectError(await t.call('POST', '/evaluation-templates', body, { 'x-api-key': '' }), 403);
    const own = await t.call('POST', '/evaluation-templates', body, { 'x-api-key': '', 'x-stageflow-client': 'web' });
    expect(own.status).toBe(200);
  });

  test('404 for an unknown id (naming it) and an unknown route; 405 for a known path with another method', async () => {
    const id = crypto.randomUUID();
    const res = await t.call('GET', `/evaluation-templates/${id}`);
    expectError(res, 404);
    expect(res.body.error).toBe(`Evaluation template ${id} was not found`);
    expectError(await t.call('POST', `/sessions/${id}/start`), 404);
    expectError(await t.call('GET', '/nothing-here'), 404);
    const wrong = await t.call('PUT', '/evaluation-templates');
    expectError(wrong, 405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });

  test('409 for a stale expected_version and for a taken email', async () => {
    const { templateId } = await pipeline();
    expectError(await t.call('POST', '/evaluation-stages', { ...seedStageBody(templateId), expected_version: 0 }), 409);
    const person = { evaluation_template_id: templateId, name: 'Jane', email: 'jane@example.com' };
    expect((await t.call('POST', '/participants', person)).status).toBe(200);
    expectError(await t.call('POST', '/participants', person), 409);
  });

  test('412 when the pipeline cannot run', async () => {
    const template = await t.call('POST', '/evaluation-templates', { template_name: 'Empty', use_case: 'hiring' });
    const res = await t.call('POST', '/participants', {
      evaluation_template_id: template.body.id,
      name: 'Jane',
      email: 'jane@example.com',
    });
    expectError(res, 412);
  });

  test('415 for a body that is not JSON', async () => {
    const res = await t.call('POST', '/evaluation-templates', 'template_name=T', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectError(res, 415);
  });

  test('no route answers 500 to garbage: bad JSON, wrong shapes, unknown and malformed ids', async () => {
    await pipeline();
    const id = crypto.randomUUID();
    for (const op of restOperations()) {
      for (const segment of [id, 'not-a-uuid', '%E0%A4%A']) {
        const path = op.path.replace(/\{[^}]+\}/g, segment);
        const bodies = op.method === 'GET' || op.method === 'DELETE' ? [undefined] : ['{', '[]', '{"x":1}', '{}'];
        for (const body of bodies) {
          const res = await t.call(op.method, op.method === 'GET' ? `${path}?limit=x&before_seq=-1` : path, body);
          expect(res.status, `${op.method} ${path} ${body}`).toBeLessThan(500);
          if (res.status >= 400) expectError(res, res.status);
        }
      }
    }
  });
});

describe('keys JavaScript gives a meaning of their own are refused', () => {
  const template = { template_name: 'T', use_case: 'hiring' };
  const count = () => (t.db.$client.prepare('select count(*) as n from evaluation_templates').get() as { n: number }).n;

  test.each<[string, string, (string | number)[]]>([
    [
      '__proto__ at the top',
      `{"template_name":"T","use_case":"hiring","__proto__":{"status":"archived"}}`,
      ['__proto__'],
    ],
    ['constructor at the top', `{"template_name":"T","use_case":"hiring","constructor":{"name":"x"}}`, ['constructor']],
    ['prototype at the top', `{"template_name":"T","use_case":"hiring","prototype":1}`, ['prototype']],
    [
      '__proto__ inside a list item',
      `{"template_name":"T","use_case":"hiring","custom_outcome_labels":{"__proto__":{"positive":"x"}}}`,
      ['custom_outcome_labels', '__proto__'],
    ],
  ])('400 for %s, naming the key, and nothing is written', async (_, raw, path) => {
    const res = await t.call('POST', '/evaluation-templates', raw);
    expectError(res, 400);
    expect(res.body.issues).toEqual([
      { path, message: `the key "${path.at(-1)}" is not accepted in a request: remove it` },
    ]);
    expect(res.body.error).toBe(`${path.join('.')}: the key "${path.at(-1)}" is not accepted in a request: remove it`);
    expect(count()).toBe(0);
    expect((await t.call('POST', '/evaluation-templates', template)).status).toBe(200);
  });

  test('in participant metadata (a record, where no strict object would catch it)', async () => {
    const { templateId } = await pipeline();
    const raw = `{"evaluation_template_id":"${templateId}","name":"Jane","email":"jane@example.com","metadata":{"__proto__":{"x":1}}}`;
    const res = await t.call('POST', '/participants', raw);
    expectError(res, 400);
    expect(res.body.issues[0].path).toEqual(['metadata', '__proto__']);
    const people = await t.call('GET', '/participants');
    expect(people.body.items).toEqual([]);
  });

  test('in a query string', async () => {
    const res = await t.call('GET', '/participants?__proto__=x&__proto__=y');
    expectError(res, 400);
    expect(res.body.issues[0].path).toEqual(['__proto__']);
  });

  test('over tRPC too, in a record the schema would otherwise take', async () => {
    const { templateId } = await pipeline();
    const res = await t.app.request('/trpc/participants.create', {
      method: 'POST',
      headers: { 'x-api-key': ALL_KEY, 'content-type': 'application/json' },
      body: `{"evaluation_template_id":"${templateId}","name":"Jane","email":"jane@example.com","metadata":{"constructor":"x"}}`,
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string; data: { issues: { path: unknown[] }[] } } };
    expect(error.data.issues[0]?.path).toEqual(['metadata', 'constructor']);
    expect(error.message).toMatch(/^metadata\.constructor: the key "constructor" is not accepted/);
  });
});

describe('a cursor or a time zone that cannot be right is a 400 naming it', () => {
  test('GET /participants with a made-up cursor', async () => {
    const res = await t.call('GET', '/participants?cursor=not-a-real-cursor');
    expectError(res, 400);
    expect(res.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([['cursor']]);
  });

  test('POST /sessions in a time zone on Mars, and nothing is scheduled', async () => {
    const { templateId } = await pipeline();
    const jane = await t.call('POST', '/participants', {
      evaluation_template_id: templateId,
      name: 'Jane',
      email: 'jane@example.com',
    });
    const res = await t.call('POST', '/sessions', { participant_id: jane.body.id, timezone: 'Mars/Olympus' });
    expectError(res, 400);
    expect(res.body.error).toMatch(/^timezone: unknown time zone "Mars\/Olympus"/);
    expect((await t.call('GET', `/sessions?participant_id=${jane.body.id}`)).body).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  test('a retried participant create returns the first answer; another body with the key is a 409', async () => {
    const { templateId } = await pipeline();
    const body = { evaluation_template_id: templateId, name: 'Jane', email: 'jane@example.com' };
    const first = await t.call('POST', '/participants', body, { 'Idempotency-Key': 'enroll-jane' });
    const retry = await t.call('POST', '/participants', body, { 'Idempotency-Key': 'enroll-jane' });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await t.call('GET', '/participants')).body.items).toHaveLength(1);
    const other = await t.call(
      'POST',
      '/participants',
      { ...body, email: 'j2@example.com' },
      {
        'Idempotency-Key': 'enroll-jane',
      },
    );
    expectError(other, 409);
  });

  test('a retried schedule returns the same session; a retried decide the same decision', async () => {
    const { templateId, profileId } = await pipeline();
    await t.call('POST', '/evaluation-stages', { ...seedStageBody(templateId), agent_profile_id: profileId });
    const jane = await t.call('POST', '/participants', {
      evaluation_template_id: templateId,
      name: 'Jane',
      email: 'jane@example.com',
    });
    const schedule = { participant_id: jane.body.id };
    const first = await t.call('POST', '/sessions', schedule, { 'Idempotency-Key': 's-1' });
    const retry = await t.call('POST', '/sessions', schedule, { 'Idempotency-Key': 's-1' });
    expect(retry.body.session.id).toBe(first.body.session.id);
    expect((await t.call('GET', `/sessions?participant_id=${jane.body.id}`)).body).toHaveLength(1);

    // Pass the phone screen (auto-advance), then the technical stage waits for a reviewer.
    const pass = { overall_score: 90 };
    await t.call('POST', `/sessions/${first.body.session.id}/complete`, pass);
    await t.call('POST', `/participants/${jane.body.id}/results`, pass);
    const [decision] = (await t.call('GET', '/decisions')).body;
    const decide = { outcome: 'advance' };
    const decided = await t.call('POST', `/decisions/${decision.id}/decide`, decide, { 'Idempotency-Key': 'd-1' });
    const again = await t.call('POST', `/decisions/${decision.id}/decide`, decide, { 'Idempotency-Key': 'd-1' });
    expect(decided.status).toBe(200);
    expect(again.body).toEqual(decided.body);
    expect(decided.body.decision).toMatchObject({ status: 'decided', outcome: 'advance' });
    // Without the key, deciding twice is refused.
    expectError(await t.call('POST', `/decisions/${decision.id}/decide`, decide), 409);
  });

  test('is refused where a retry would not be safe to assume', async () => {
    const res = await t.call(
      'POST',
      '/evaluation-templates',
      { template_name: 'T', use_case: 'hiring' },
      {
        'Idempotency-Key': 'k',
      },
    );
    expectError(res, 400);
    expect(res.body.error).toMatch(/Idempotency-Key/);
  });
});

/** Every route of the table, called once with a valid request: each answers 2xx with its declared shape. */
describe('every route', () => {
  const called = new Set<string>();
  afterAll(() => {
    const all = restOperations().map((op) => `${op.method} ${op.path}`);
    expect(all.filter((r) => !called.has(r))).toEqual([]);
  });

  test('answers a valid request', async () => {
    const ok = async (method: string, route: string, path: string, body?: unknown) => {
      const res = await t.call(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
      called.add(`${method} ${route}`);
      return res.body;
    };
    const profile = await ok('POST', '/agent-profiles', '/agent-profiles', interviewerInput());
    await ok('GET', '/agent-profiles', '/agent-profiles?status=all');
    await ok('GET', '/agent-profiles/{id}', `/agent-profiles/${profile.id}`);
    await ok('PATCH', '/agent-profiles/{id}', `/agent-profiles/${profile.id}`, { name: 'Ada L.' });

    const template = await ok('POST', '/evaluation-templates', '/evaluation-templates', {
      template_name: 'Senior Backend Engineer',
      use_case: 'hiring',
    });
    const tid = template.id;
    await ok('GET', '/evaluation-templates', '/evaluation-templates?status=all&search=Senior');
    await ok('PATCH', '/evaluation-templates/{id}', `/evaluation-templates/${tid}`, { level: 'Senior' });
    const stage = (
      await ok('POST', '/evaluation-stages', '/evaluation-stages', {
        evaluation_template_id: tid,
        type: 'phone_screen',
        agent_profile_id: profile.id,
        pass_threshold: 60,
        automation_rule: 'auto_advance',
      })
    ).stage;
    await ok('POST', '/evaluation-stages', '/evaluation-stages', {
      ...seedStageBody(tid),
      agent_profile_id: profile.id,
    });
    const imported = await ok('POST', '/evaluation-stages/import', '/evaluation-stages/import', {
      evaluation_template_id: tid,
      stages: [{ stage_name: 'Final', stage_type: 'final_review', pass_threshold: 80 }],
    });
    await ok('GET', '/evaluation-stages', `/evaluation-stages?evaluation_template_id=${tid}&include_archived=true`);
    await ok('GET', '/evaluation-stages/{id}', `/evaluation-stages/${stage.id}`);
    await ok('PATCH', '/evaluation-stages/{id}', `/evaluation-stages/${stage.id}`, { duration_minutes: 45 });
    const exported = await ok(
      'GET',
      '/evaluation-stages/export',
      `/evaluation-stages/export?evaluation_template_id=${tid}`,
    );
    expect(exported.map((s: { stage_name: string }) => s.stage_name)).toEqual([
      'Phone Screen',
      'Technical Screen',
      'Final',
    ]);
    const usage = await ok('GET', '/evaluation-stages/usage', `/evaluation-stages/usage?evaluation_template_id=${tid}`);
    expect(usage.map((u: { participant_records: number }) => u.participant_records)).toEqual([0, 0, 0]);
    const ids = imported.stages.map((s: { id: string }) => s.id);
    await ok('POST', '/evaluation-stages/reorder', '/evaluation-stages/reorder', {
      evaluation_template_id: tid,
      stage_ids: [ids[1], ids[0], ids[2]],
    });
    await ok('POST', '/evaluation-stages/reorder', '/evaluation-stages/reorder', {
      evaluation_template_id: tid,
      stage_ids: ids,
    });
    await ok('GET', '/evaluation-templates/{id}', `/evaluation-templates/${tid}`);

    const jane = await ok('POST', '/participants', '/participants', {
      evaluation_template_id: tid,
      name: 'Jane',
      email: 'jane@example.com',
    });
    const bulk = await ok('POST', '/participants/bulk', '/participants/bulk', {
      evaluation_template_id: tid,
      participants: [{ name: 'Bob', email: 'bob@example.com' }, { name: 'No email' }],
    });
    expect(bulk.skipped).toHaveLength(1);
    const bob = bulk.created[0].id;
    await ok('GET', '/participants', `/participants?evaluation_template_id=${tid}&limit=1`);
    await ok('GET', '/participants/{id}', `/participants/${jane.id}`);
    await ok('PATCH', '/participants/{id}', `/participants/${jane.id}`, { tags: ['referral'] });
    await ok('GET', '/participants/export.csv', `/participants/export.csv?evaluation_template_id=${tid}`);
    const enrolled = await ok('POST', '/participants/already-enrolled', '/participants/already-enrolled', {
      evaluation_template_id: tid,
      emails: ['JANE@example.com', 'new@example.com'],
    });
    expect(enrolled.emails).toEqual(['jane@example.com']);
    expect(await ok('GET', '/participants/count', `/participants/count?evaluation_template_id=${tid}`)).toEqual({
      count: 2,
    });
    const tagged = await ok('POST', '/participants/bulk-actions', '/participants/bulk-actions', {
      action: 'tag',
      dry_run: false,
      filter: { evaluation_template_id: tid },
      tags: { add: ['cohort-1'] },
    });
    await t.deps.bulkRunner.idle();
    expect(await ok('GET', '/participants/bulk-actions/{id}', `/participants/bulk-actions/${tagged.id}`)).toMatchObject(
      { status: 'completed', counts: { applied: 2 } },
    );

    const { session } = await ok('POST', '/sessions', '/sessions', { participant_id: jane.id });
    await ok('POST', '/sessions/{session_id}/reschedule', `/sessions/${session.id}/reschedule`, {
      scheduled_at: '2030-01-01T10:00:00.000Z',
    });
    await ok('POST', '/sessions/{session_id}/start', `/sessions/${session.id}/start`);
    await ok('POST', '/sessions/{session_id}/fail', `/sessions/${session.id}/fail`, { reason: 'audio dropped' });
    const second = (await ok('POST', '/sessions', '/sessions', { participant_id: jane.id })).session;
    await ok('POST', '/sessions/{session_id}/cancel', `/sessions/${second.id}/cancel`);
    const third = (await ok('POST', '/sessions', '/sessions', { participant_id: jane.id })).session;
    await ok('POST', '/sessions/{session_id}/complete', `/sessions/${third.id}/complete`, {
      dimension_scores: [
        { name: 'Design', score: 8 },
        { name: 'Coding', score: 7 },
      ],
    });
    await ok('GET', '/sessions', '/sessions?status=completed');
    await ok('GET', '/sessions/{id}', `/sessions/${third.id}`);
    await ok('GET', '/sessions/{id}/answers', `/sessions/${third.id}/answers`);
    await ok('GET', '/sessions/{id}/transcript', `/sessions/${third.id}/transcript`);
    await ok('POST', '/participants/{participant_id}/results', `/participants/${jane.id}/results`, {
      overall_score: 90,
    });
    const [decision] = await ok('GET', '/decisions', '/decisions?status=open');
    await ok('POST', '/decisions/{decision_id}/decide', `/decisions/${decision.id}/decide`, { outcome: 'advance' });
    await ok('POST', '/participants/{participant_id}/advance', `/participants/${bob}/advance`, {
      note: 'strong referral',
    });
    await ok('POST', '/participants/{participant_id}/reject', `/participants/${bob}/reject`, {
      note: 'withdrew offer',
    });
    const carol = await ok('POST', '/participants', '/participants', {
      evaluation_template_id: tid,
      name: 'Carol',
      email: 'carol@example.com',
    });
    const link = await ok(
      'POST',
      '/participants/{participant_id}/portal-link',
      `/participants/${carol.id}/portal-link`,
      {
        expires_in_days: 14,
      },
    );
    expect(link).toMatchObject({
      url: expect.stringContaining(`/p/${link.token}`),
      token: expect.stringMatching(/^sfp_/),
    });
    const sent = await ok(
      'POST',
      '/participants/{participant_id}/portal-link/send',
      `/participants/${carol.id}/portal-link/send`,
      {},
    );
    expect(sent).toMatchObject({
      url: expect.stringContaining('/p/sfp_'),
      mail: { to: 'carol@example.com', status: 'not_sent' },
      portal_link: { status: 'active' },
    });
    await ok(
      'POST',
      '/participants/{participant_id}/portal-link/revoke',
      `/participants/${carol.id}/portal-link/revoke`,
    );
    await ok('POST', '/participants/{participant_id}/withdraw', `/participants/${carol.id}/withdraw`, {});
    const events = await ok('GET', '/events', `/events?participant_id=${jane.id}&limit=2`);
    expect(events.next_before_seq).toEqual(expect.any(Number));
    const timeline = await ok('GET', '/participants/{id}/timeline', `/participants/${jane.id}/timeline?limit=2`);
    expect(timeline.items).toEqual(events.items);
    const older = `/participants/${jane.id}/timeline?limit=2&cursor=${timeline.next_cursor}`;
    expect((await ok('GET', '/participants/{id}/timeline', older)).items[0].seq).toBeLessThan(timeline.next_cursor);

    // The interviewer scores a session on a model server; a reviewer then replaces its score.
    const fake = await startFakeModelServer();
    try {
      await ok('PUT', '/interviewer-model', '/interviewer-model', { base_url: fake.url, model: 'llama3.1:8b' });
      const dana = await ok('POST', '/participants', '/participants', {
        evaluation_template_id: tid,
        name: 'Dana',
        email: 'dana@example.com',
      });
      const interview = (await ok('POST', '/sessions', '/sessions', { participant_id: dana.id })).session;
      await ok('POST', '/sessions/{session_id}/start', `/sessions/${interview.id}/start`);
      storeInterview(t, interview.id);
      expect(await ok('GET', '/decisions/awaiting-score', '/decisions/awaiting-score')).toEqual([
        expect.objectContaining({ session_id: interview.id, record: 'interview' }),
      ]);
      fake.enqueue({ type: 'json', value: modelAnswer(8, 8) });
      const scored = await ok('POST', '/sessions/{session_id}/score', `/sessions/${interview.id}/score`);
      expect(scored.scoring).toEqual({ status: 'scored', needs_review: false, quotes_dropped: 0 });
      await ok('POST', '/sessions/{session_id}/replace-scorecard', `/sessions/${interview.id}/replace-scorecard`, {
        overall_score: 65,
        note: 'Checked the answers myself.',
      });
    } finally {
      await fake.close();
    }

    const notice = await ok('PUT', '/portal-notice', '/portal-notice', { organization: 'Acme', contact: '' });
    expect(notice).toMatchObject({ organization: 'Acme', contact: null, transcript_retention_days: null });
    expect(await ok('GET', '/portal-notice', '/portal-notice')).toEqual(notice);

    const period = `evaluation_template_id=${tid}&from=2000-01-01&to=2999-12-31`;
    expect((await ok('GET', '/analytics/report', `/analytics/report?${period}`)).stages[0]).toMatchObject({
      stage_id: stage.id,
    });
    await ok('GET', '/analytics/funnel', `/analytics/funnel?${period}`);
    await ok('GET', '/analytics/scores', `/analytics/scores?${period}`);
    await ok('GET', '/analytics/open-decisions', `/analytics/open-decisions?${period}`);
    await ok('POST', '/analytics/simulate', '/analytics/simulate', {
      evaluation_template_id: tid,
      changes: [{ stage_id: stage.id, pass_threshold: 90 }],
    });
    const answers = { sex: 'female', race_ethnicity: 'asian' };
    const recorded = await ok(
      'PUT',
      '/participants/{participant_id}/self-identification',
      `/participants/${jane.id}/self-identification`,
      answers,
    );
    expect(recorded).toMatchObject({ participant_id: jane.id, ...answers, recorded_by: `api_key:${ALL_KEY}` });
    // The self-identification figures go to people, never to a key: the owner's session asks.
    const impact = await t.call('GET', `/analytics/adverse-impact?${period}`, undefined, { 'x-api-key': '' });
    expect(impact.status, JSON.stringify(impact.body)).toBe(200);
    expect(impact.body).toMatchObject({ self_identified: 1, min_group_size: 10 });
    called.add('GET /analytics/adverse-impact');

    await ok('POST', '/evaluation-templates/{id}/duplicate', `/evaluation-templates/${tid}/duplicate`);
    const extra = { evaluation_template_id: tid, type: 'extra', stage_type: 'manual_review' };
    const archived = (await ok('POST', '/evaluation-stages', '/evaluation-stages', extra)).stage;
    await ok('POST', '/evaluation-stages/{id}/archive', `/evaluation-stages/${archived.id}/archive`);
    const removed = (await ok('POST', '/evaluation-stages', '/evaluation-stages', extra)).stage;
    await ok('DELETE', '/evaluation-stages/{id}', `/evaluation-stages/${removed.id}`);
    await ok('POST', '/evaluation-templates/{id}/archive', `/evaluation-templates/${tid}/archive`);
    await ok('POST', '/agent-profiles/{id}/archive', `/agent-profiles/${profile.id}/archive`);

    // fetch never connects to port 9 (a reserved port): the test answers 200 with what went wrong, calling nothing.
    await ok('PUT', '/interviewer-model', '/interviewer-model', { base_url: 'http://127.0.0.1:9/v1', model: 'm' });
    await ok('GET', '/interviewer-model', '/interviewer-model');
    expect(await ok('POST', '/interviewer-model/test', '/interviewer-model/test')).toMatchObject({ ok: false });
    await ok('DELETE', '/interviewer-model', '/interviewer-model');

    const hook = await ok('POST', '/webhook-endpoints', '/webhook-endpoints', { url: 'https://hooks.example.com/in' });
    const hid = hook.endpoint.id;
    await ok('GET', '/webhook-endpoints', '/webhook-endpoints');
    await ok('GET', '/webhook-endpoints/{id}', `/webhook-endpoints/${hid}`);
    await ok('PATCH', '/webhook-endpoints/{id}', `/webhook-endpoints/${hid}`, { description: 'CRM' });
    await ok('POST', '/webhook-endpoints/{id}/rotate-secret', `/webhook-endpoints/${hid}/rotate-secret`);
    const testEvent = await ok('POST', '/webhook-endpoints/{id}/test', `/webhook-endpoints/${hid}/test`);
    await ok('GET', '/webhook-endpoints/{id}/deliveries', `/webhook-endpoints/${hid}/deliveries?status=pending`);
    await ok(
      'POST',
      '/webhook-endpoints/{id}/deliveries/{delivery_id}/replay',
      `/webhook-endpoints/${hid}/deliveries/${testEvent.id}/replay`,
    );
    await ok('DELETE', '/webhook-endpoints/{id}', `/webhook-endpoints/${hid}`);
    // The outbox and a member's own settings are for members signed in (docs/mail.md): the owner's session.
    const ownerSession = { 'x-api-key': '', [CLIENT_HEADER]: 'web' };
    const asMember = async (method: string, route: string, path: string, body?: unknown) => {
      const res = await t.call(method, path, body, ownerSession);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
      called.add(`${method} ${route}`);
      return res.body;
    };
    const outbox = await asMember('GET', '/mail/outbox', '/mail/outbox?kind=portal_link&limit=10');
    expect(outbox).toMatchObject({ items: [{ id: sent.mail.id, status: 'not_sent' }], next_cursor: null });
    expect(await asMember('GET', '/mail/outbox/{id}', `/mail/outbox/${sent.mail.id}`)).toMatchObject({
      text: expect.stringContaining(sent.url),
    });
    expect(await asMember('PUT', '/mail/preferences', '/mail/preferences', { review_digest: true })).toEqual({
      review_digest: true,
      can_receive_review_digest: true,
    });
    expect(await asMember('GET', '/mail/preferences', '/mail/preferences')).toMatchObject({ review_digest: true });
  });
});
