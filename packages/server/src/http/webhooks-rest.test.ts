import { describe, expect, test } from 'vitest';
import { READ_KEY, restApp } from './rest-testing.ts';

const URL = 'https://hooks.example.com/stageflow';

describe('/api/v1/webhook-endpoints', () => {
  test('POST, GET, GET {id}, PATCH {id}, rotate, test, deliveries, replay, DELETE {id}', async () => {
    const t = restApp();
    const created = await t.call('POST', '/webhook-endpoints', { url: URL, event_types: ['participant.enrolled'] });
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatch(/^whsec_/);
    const id = created.body.endpoint.id;

    const listed = await t.call('GET', '/webhook-endpoints');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([created.body.endpoint]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect((await t.call('GET', `/webhook-endpoints/${id}`)).body).toEqual(created.body.endpoint);

    const patched = await t.call('PATCH', `/webhook-endpoints/${id}`, { description: 'ATS', event_types: [] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: 'ATS', event_types: [] });

    const rotated = await t.call('POST', `/webhook-endpoints/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.endpoint.previous_secret_expires_at).toEqual(expect.any(String));

    const sent = await t.call('POST', `/webhook-endpoints/${id}/test`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      event_type: 'webhook.test',
      status: 'pending',
      webhook_id: expect.stringMatching(/^msg_/),
    });

    const log = await t.call('GET', `/webhook-endpoints/${id}/deliveries?limit=10&status=pending`);
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({ items: [{ id: sent.body.id }], next_cursor: null });

    const replayed = await t.call('POST', `/webhook-endpoints/${id}/deliveries/${sent.body.id}/replay`);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ webhook_id: sent.body.webhook_id, replay_of: sent.body.id });

    const deleted = await t.call('DELETE', `/webhook-endpoints/${id}`);
    expect(deleted.status).toBe(200);
    expect((await t.call('GET', `/webhook-endpoints/${id}`)).status).toBe(404);
    expect((await t.call('GET', `/webhook-endpoints/${id}/deliveries`)).status).toBe(404);
  });

  test('bad input is a 400 naming the field; a private URL too', async () => {
    const t = restApp();
    const bad = await t.call('POST', '/webhook-endpoints', { url: 'not a url' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(['url']);
    const local = await t.call('POST', '/webhook-endpoints', { url: 'http://127.0.0.1:3000/hooks' });
    expect(local.status).toBe(400);
    expect(local.body).toMatchObject({ issues: [{ path: ['url'] }] });
    expect(local.body.error).toMatch(/^url: 127\.0\.0\.1 is a loopback address/);
    const unknownType = await t.call('POST', '/webhook-endpoints', { url: URL, event_types: ['nope'] });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.issues[0].path).toEqual(['event_types', 0]);
    const notUuid = await t.call('GET', '/webhook-endpoints/123');
    expect(notUuid.status).toBe(400);
    const limit = await t.call('GET', `/webhook-endpoints/${crypto.randomUUID()}/deliveries?limit=1000`);
    expect(limit.status).toBe(400);
    expect(limit.body.issues[0].path).toEqual(['limit']);
  });

  test('a key without webhooks.write is refused with a 403', async () => {
    const t = restApp();
    const res = await t.call('GET', '/webhook-endpoints', undefined, { 'x-api-key': READ_KEY });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/webhooks.write/);
  });
});
