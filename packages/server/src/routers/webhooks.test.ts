import { MAX_WEBHOOK_ENDPOINTS } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import { createCaller } from '../caller.ts';
import { createInnerContext } from '../context.ts';
import { expectTRPCError, setupEngineApi } from '../testing.ts';
import { buildPipeline } from '../testing-pipeline.ts';
import { webhookDeps } from '../webhooks/deps.ts';

const URL = 'https://hooks.example.com/stageflow';

describe('webhooks.* endpoints', () => {
  test('create answers the secret once: whsec_ and 32 random bytes in base64; list and byId never show it', async () => {
    const t = await setupEngineApi();
    const created = await t.api.webhooks.create({
      url: URL,
      description: 'CRM',
      event_types: ['participant.enrolled'],
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(created.endpoint).toEqual({
      id: expect.any(String),
      url: URL,
      description: 'CRM',
      event_types: ['participant.enrolled'],
      enabled: true,
      disabled_reason: null,
      disabled_at: null,
      failing_since: null,
      previous_secret_expires_at: null,
      created_by: `user:owner-of-${t.workspaceId}`,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const listed = await t.api.webhooks.list();
    expect(listed).toEqual([created.endpoint]);
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(6, 20));
    expect(await t.api.webhooks.byId({ id: created.endpoint.id })).toEqual(created.endpoint);
    // Stored sealed, not as given.
    const row = await t.deps.reads.webhooks.endpoints.byId(t.workspaceId, created.endpoint.id);
    expect(row?.secret).not.toContain(created.secret.slice(6));
    expect(t.deps.webhooks.secrets.open(row!.secret, created.endpoint.id)).toBe(created.secret);
  });

  test('update changes only what it is given; delete answers the endpoint and removes it', async () => {
    const t = await setupEngineApi();
    const { endpoint } = await t.api.webhooks.create({ url: URL });
    const updated = await t.api.webhooks.update({ id: endpoint.id, event_types: ['stage.created', 'stage.updated'] });
    expect(updated).toMatchObject({ url: URL, event_types: ['stage.created', 'stage.updated'], enabled: true });
    expect(await t.api.webhooks.update({ id: endpoint.id, enabled: false })).toMatchObject({
      enabled: false,
      disabled_reason: 'manual',
    });
    expect(await t.api.webhooks.delete({ id: endpoint.id })).toMatchObject({ id: endpoint.id });
    expect(await t.api.webhooks.list()).toEqual([]);
    await expectTRPCError(t.api.webhooks.byId({ id: endpoint.id }), 'NOT_FOUND');
  });

  test('bad input is a 400 naming the field', async () => {
    const t = await setupEngineApi();
    await expectTRPCError(t.api.webhooks.create({ url: 'ftp://hooks.example.com' }), 'BAD_REQUEST', {
      issuePath: ['url'],
    });
    await expectTRPCError(
      t.api.webhooks.create({ url: URL, event_types: ['user.created' as 'stage.created'] }),
      'BAD_REQUEST',
      { issuePath: ['event_types', 0] },
    );
    await expectTRPCError(t.api.webhooks.create({ url: URL, secret: 'mine' } as never), 'BAD_REQUEST');
    await expectTRPCError(t.api.webhooks.deliveries({ id: crypto.randomUUID(), cursor: 'nope' }), 'BAD_REQUEST', {
      issuePath: ['cursor'],
    });
  });

  test('private, loopback and link-local URLs are refused unless the operator allows them', async () => {
    const t = await setupEngineApi();
    for (const url of ['http://127.0.0.1:8080/hooks', 'http://localhost/hooks', 'http://169.254.169.254/']) {
      await expectTRPCError(t.api.webhooks.create({ url }), 'BAD_REQUEST', {
        issuePath: ['url'],
        message: /WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1/,
      });
    }
    const { endpoint } = await t.api.webhooks.create({ url: URL });
    await expectTRPCError(t.api.webhooks.update({ id: endpoint.id, url: 'http://10.0.0.1/' }), 'BAD_REQUEST', {
      issuePath: ['url'],
    });
    const allowed = await setupEngineApi({ webhooks: webhookDeps({ settings: { allowPrivateNetworks: true } }) });
    expect((await allowed.api.webhooks.create({ url: 'http://127.0.0.1:8080/hooks' })).endpoint.url).toBe(
      'http://127.0.0.1:8080/hooks',
    );
  });

  test(`a workspace has at most ${MAX_WEBHOOK_ENDPOINTS} endpoints`, async () => {
    const t = await setupEngineApi();
    for (let i = 0; i < MAX_WEBHOOK_ENDPOINTS; i++) await t.api.webhooks.create({ url: `${URL}/${i}` });
    await expectTRPCError(t.api.webhooks.create({ url: URL }), 'CONFLICT', { message: /at most 20/ });
  });

  test("another workspace's endpoint is not found, for every procedure", async () => {
    const t = await setupEngineApi();
    const { endpoint } = await t.api.webhooks.create({ url: URL });
    const id = endpoint.id;
    await expectTRPCError(t.other.webhooks.byId({ id }), 'NOT_FOUND');
    await expectTRPCError(t.other.webhooks.update({ id, enabled: false }), 'NOT_FOUND');
    await expectTRPCError(t.other.webhooks.delete({ id }), 'NOT_FOUND');
    await expectTRPCError(t.other.webhooks.rotateSecret({ id }), 'NOT_FOUND');
    await expectTRPCError(t.other.webhooks.sendTest({ id }), 'NOT_FOUND');
    await expectTRPCError(t.other.webhooks.deliveries({ id }), 'NOT_FOUND');
    const test = await t.api.webhooks.sendTest({ id });
    await expectTRPCError(t.other.webhooks.replay({ id, delivery_id: test.id }), 'NOT_FOUND');
    expect(await t.other.webhooks.list()).toEqual([]);
  });

  test('a delivery of another endpoint cannot be replayed through this one', async () => {
    const t = await setupEngineApi();
    const a = await t.api.webhooks.create({ url: `${URL}/a` });
    const b = await t.api.webhooks.create({ url: `${URL}/b` });
    const test = await t.api.webhooks.sendTest({ id: a.endpoint.id });
    await expectTRPCError(t.api.webhooks.replay({ id: b.endpoint.id, delivery_id: test.id }), 'NOT_FOUND');
  });

  test('the log pages newest first with a cursor, and filters by status', async () => {
    const t = await setupEngineApi();
    const { endpoint } = await t.api.webhooks.create({ url: URL });
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await t.api.webhooks.sendTest({ id: endpoint.id }));
    const first = await t.api.webhooks.deliveries({ id: endpoint.id, limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await t.api.webhooks.deliveries({ id: endpoint.id, limit: 2, cursor: first.next_cursor! });
    const third = await t.api.webhooks.deliveries({ id: endpoint.id, limit: 2, cursor: second.next_cursor! });
    expect(third.next_cursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((d) => d.id);
    expect(new Set(ids)).toEqual(new Set(sent.map((d) => d.id)));
    expect((await t.api.webhooks.deliveries({ id: endpoint.id, status: 'succeeded' })).items).toEqual([]);
    expect((await t.api.webhooks.deliveries({ id: endpoint.id, status: 'pending' })).items).toHaveLength(5);
  });
});

describe('webhooks of a bulk enrolment', () => {
  test("each enrolled participant's event goes to every endpoint that wants it; a refused row sends nothing", async () => {
    const t = await setupEngineApi();
    const { template } = await buildPipeline(t.api);
    const enrolled = await t.api.webhooks.create({ url: `${URL}/enrolled`, event_types: ['participant.enrolled'] });
    const stages = await t.api.webhooks.create({ url: `${URL}/stages`, event_types: ['stage.created'] });
    const result = await t.api.participants.bulkCreate({
      evaluation_template_id: template.id,
      participants: [
        { name: 'A', email: 'a@example.com' },
        { name: 'A again', email: 'a@example.com' },
        { name: 'B', email: 'b@example.com' },
      ],
    });
    expect(result.created.map((c) => c.index)).toEqual([0, 2]);
    const { items } = await t.api.webhooks.deliveries({ id: enrolled.endpoint.id });
    const sent = items.map((d) => JSON.parse(d.payload) as { type: string; data: { participant: { id: string } } });
    expect(sent.map((p) => p.type)).toEqual(['participant.enrolled', 'participant.enrolled']);
    expect(new Set(sent.map((p) => p.data.participant.id))).toEqual(new Set(result.created.map((c) => c.id)));
    expect(new Set(items.map((d) => d.webhook_id)).size).toBe(2);
    expect((await t.api.webhooks.deliveries({ id: stages.endpoint.id })).items).toEqual([]);
  });
});

describe('who may manage webhooks (webhooks.write)', () => {
  test('owners and admins; reviewers and viewers are refused, reads included', async () => {
    const t = await setupEngineApi();
    expect(await t.callerFor(t.workspaceId, 'admin').webhooks.list()).toEqual([]);
    for (const role of ['reviewer', 'viewer'] as const) {
      const caller = t.callerFor(t.workspaceId, role);
      await expectTRPCError(caller.webhooks.list(), 'FORBIDDEN', { message: /needs admin/ });
      await expectTRPCError(caller.webhooks.create({ url: URL }), 'FORBIDDEN');
    }
  });

  test('an API key needs the webhooks.write scope', async () => {
    const t = await setupEngineApi();
    const keyCaller = (scopes: string[]) =>
      createCaller(
        createInnerContext(t.deps, {
          kind: 'api_key',
          keyId: 'k',
          workspaceId: t.workspaceId,
          scopes: scopes as never,
        }),
      );
    await expectTRPCError(keyCaller(['participants.read']).webhooks.list(), 'FORBIDDEN', {
      message: /does not have the webhooks.write scope/,
    });
    expect(await keyCaller(['webhooks.write']).webhooks.list()).toEqual([]);
  });
});
