import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, test } from 'vitest';
import { addMember } from '../testing-mail.ts';
import { setupWebhooks } from '../testing-webhooks.ts';

let t: Awaited<ReturnType<typeof setupWebhooks>>;
afterEach(async () => {
  await t?.close();
});

describe('delivering a webhook', () => {
  test('an enrolment reaches the endpoint signed per Standard Webhooks, and the log shows the attempt', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    const jane = await t.enrol();
    expect(await t.worker.tick()).toBe(1);

    const [hook] = t.receiver.received;
    expect(hook).toMatchObject({ verified: true, answered: 200 });
    expect(hook!.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(hook!.timestamp).toBe(String(Math.floor(Date.parse(t.clock.now()) / 1000)));
    expect(hook!.signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(Object.keys(hook!.json!)).toEqual(['type', 'timestamp', 'data']);
    expect(hook!.json).toMatchObject({
      type: 'participant.enrolled',
      timestamp: jane.created_at,
      data: {
        participant: { id: jane.id, email: jane.email, status: 'active' },
        actor: expect.stringMatching(/^user:/),
      },
    });

    const log = await t.log(endpoint.id);
    expect(log.items).toEqual([
      expect.objectContaining({
        webhook_id: hook!.id,
        event_type: 'participant.enrolled',
        status: 'succeeded',
        attempts_made: 1,
        payload: hook!.body,
        attempts: [
          expect.objectContaining({ attempt: 1, status_code: 200, response_body: 'OK', error: null, succeeded: true }),
        ],
      }),
    ]);
    expect(log.items[0]!.attempts[0]!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  test('only the types an endpoint subscribed to reach it; an empty list is every type', async () => {
    t = await setupWebhooks();
    const stagesOnly = await t.addEndpoint({ event_types: ['stage.created'] });
    const everything = await t.addEndpoint();
    t.receiver.secrets = [stagesOnly.secret, everything.secret];
    await t.enrol();
    await t.worker.tick();
    const byEndpoint = (id: string) => t.log(id).then((page) => page.items.map((d) => d.event_type).sort());
    expect(await byEndpoint(stagesOnly.endpoint.id)).toEqual(['stage.created']);
    expect(await byEndpoint(everything.endpoint.id)).toEqual(['participant.enrolled', 'stage.created']);
    expect(t.receiver.received.every((r) => r.verified)).toBe(true);
  });

  test('a refused command writes no webhook: the outbox is written in its transaction', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    const jane = await t.enrol();
    await expect(
      t.api.participants.create({
        evaluation_template_id: jane.evaluation_template_id,
        name: 'Jane again',
        email: jane.email,
      }),
    ).rejects.toThrow(/already/);
    expect((await t.log(endpoint.id)).items).toHaveLength(1);
  });

  test('a failure is retried 5 s later with the same webhook-id, signed anew', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply({ status: 500, body: 'boom' });
    await t.enrol();
    await t.worker.tick();
    let [delivery] = (await t.log(endpoint.id)).items;
    expect(delivery).toMatchObject({ status: 'pending', attempts_made: 1 });
    expect(Date.parse(delivery!.next_attempt_at!) - Date.parse(t.clock.now())).toBe(5_000);
    expect(delivery!.attempts[0]).toMatchObject({
      status_code: 500,
      response_body: 'boom',
      error: 'Answered 500: only a 2xx answer counts as delivered',
      succeeded: false,
    });

    t.clock.advance(4_999);
    expect(await t.worker.tick()).toBe(0);
    t.clock.advance(1);
    expect(await t.worker.tick()).toBe(1);
    [delivery] = (await t.log(endpoint.id)).items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts_made: 2 });
    const [first, second] = t.receiver.received;
    expect(second!.id).toBe(first!.id);
    expect(second!.body).toBe(first!.body);
    expect(second!.timestamp).not.toBe(first!.timestamp);
    expect(second!.verified).toBe(true);
  });

  test('an endpoint that does not answer in time is a failed attempt that says so', async () => {
    t = await setupWebhooks({ timeoutMs: 300 });
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply({ hang: true });
    await t.enrol();
    await t.worker.tick();
    const [delivery] = (await t.log(endpoint.id)).items;
    expect(delivery).toMatchObject({ status: 'pending', attempts_made: 1 });
    expect(delivery!.attempts[0]).toMatchObject({
      status_code: null,
      error: 'No answer within 0.3 s',
      succeeded: false,
    });
    expect(delivery!.attempts[0]!.latency_ms).toBeGreaterThanOrEqual(290);
  });

  test('429 and 503 come back when Retry-After says', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply(
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, headers: { 'retry-after': '120' } },
    );
    await t.enrol();
    await t.worker.tick();
    const due = async () =>
      Date.parse((await t.log(endpoint.id)).items[0]!.next_attempt_at!) - Date.parse(t.clock.now());
    expect(await due()).toBe(2_000);
    t.clock.advance(2_000);
    await t.worker.tick();
    expect(await due()).toBe(120_000);
    t.clock.advance(120_000);
    await t.worker.tick();
    expect((await t.log(endpoint.id)).items[0]).toMatchObject({ status: 'succeeded', attempts_made: 3 });
  });

  test('a redirect is not followed: it is a failure that names where it pointed', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply({ status: 302, headers: { location: 'https://elsewhere.example/hooks' } });
    await t.enrol();
    await t.worker.tick();
    expect(t.receiver.received).toHaveLength(1);
    expect((await t.log(endpoint.id)).items[0]!.attempts[0]).toMatchObject({
      status_code: 302,
      error:
        "Redirects are not followed: answered 302 to https://elsewhere.example/hooks; change the endpoint's URL instead",
    });
  });

  test('after the tenth failed attempt the delivery is given up', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply(...Array.from({ length: 10 }, () => ({ status: 500 })));
    await t.enrol();
    const started = Date.parse(t.clock.now());
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(await t.worker.tick()).toBe(1);
      const [delivery] = (await t.log(endpoint.id)).items;
      if (delivery!.next_attempt_at) t.clock.advance(Date.parse(delivery!.next_attempt_at) - Date.parse(t.clock.now()));
    }
    const [delivery] = (await t.log(endpoint.id)).items;
    expect(delivery).toMatchObject({ status: 'failed', attempts_made: 10, next_attempt_at: null });
    expect(t.receiver.received).toHaveLength(10);
    expect(new Set(t.receiver.received.map((r) => r.id)).size).toBe(1);
    // The schedule's 75 h 35 min 5 s (jitter at its middle here), under the 5 days that would disable it.
    expect(Date.parse(t.clock.now()) - started).toBe(((75 * 60 + 35) * 60 + 5) * 1000);
    expect((await t.api.webhooks.byId({ id: endpoint.id })).enabled).toBe(true);
  });
});

describe('disabling an endpoint', () => {
  test('410 Gone disables it at once: its pending deliveries are given up, and its admins are told', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply({ status: 500 }, { status: 410 });
    await t.enrol();
    await t.worker.tick();
    // The first waits for its retry; the second meets the 410.
    await t.enrol();
    await t.worker.tick();
    expect(t.receiver.received).toHaveLength(2);

    const after = await t.api.webhooks.byId({ id: endpoint.id });
    expect(after).toMatchObject({ enabled: false, disabled_reason: 'gone', disabled_at: t.clock.now() });
    expect((await t.log(endpoint.id)).items.map((d) => d.status)).toEqual(['failed', 'failed']);
    expect(t.disabled).toEqual([
      expect.objectContaining({
        workspaceId: t.workspaceId,
        reason: 'gone',
        endpoint: expect.objectContaining({ id: endpoint.id }),
      }),
    ]);
    const events = await t.api.events.list({});
    expect(events.items.find((e) => e.type === 'webhook_endpoint_disabled')).toMatchObject({
      actor: 'system',
      participant_id: null,
      data: { endpoint_id: endpoint.id, url: endpoint.url, reason: 'gone' },
    });

    // Nothing more goes to it, until someone turns it on again.
    await t.enrol();
    expect((await t.log(endpoint.id)).items).toHaveLength(2);
    await t.api.webhooks.update({ id: endpoint.id, enabled: true });
    await t.enrol();
    await t.worker.tick();
    expect(t.receiver.received).toHaveLength(3);
  });

  test('an endpoint whose attempts all failed for 5 days is disabled', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply(...Array.from({ length: 50 }, () => ({ status: 503 })));
    await t.enrol();
    for (let day = 0; day < 5; day++) {
      await t.worker.tick();
      t.clock.advanceHours(24);
      await t.enrol();
    }
    expect((await t.api.webhooks.byId({ id: endpoint.id })).enabled).toBe(true);
    await t.worker.tick();
    expect(await t.api.webhooks.byId({ id: endpoint.id })).toMatchObject({
      enabled: false,
      disabled_reason: 'failing',
    });
    expect(t.disabled.map((d) => d.reason)).toEqual(['failing']);
    expect((await t.log(endpoint.id)).items.every((d) => d.status === 'failed')).toBe(true);
  });

  test('disabling an endpoint mails its admins and owners, once, in the same transaction', async () => {
    const mail = { setup: { configured: true, from: 'no-reply@stageflow.test' }, wake: () => {} };
    t = await setupWebhooks({ mail });
    for (const [role, name] of [
      ['owner', 'Olu Owner'],
      ['admin', 'Ada Admin'],
      ['reviewer', 'Rev Reviewer'],
    ] as const) {
      await addMember(t, t.workspaceId, role, name, t.clock.now);
    }
    await addMember(t, t.otherWorkspaceId, 'owner', 'Other Owner', t.clock.now);
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply(...Array.from({ length: 50 }, () => ({ status: 503 })));
    await t.enrol();
    for (let day = 0; day < 5; day++) {
      await t.worker.tick();
      t.clock.advanceHours(24);
      await t.enrol();
    }
    // Failing, not yet disabled: nobody is mailed.
    expect((await t.api.mail.list({})).items).toEqual([]);
    await t.worker.tick();
    expect((await t.api.webhooks.byId({ id: endpoint.id })).enabled).toBe(false);

    const written = (await t.api.mail.list({})).items;
    expect(written.map((m) => [m.kind, m.to, m.status]).sort()).toEqual([
      ['webhook_endpoint_disabled', 'ada.admin@example.com', 'queued'],
      ['webhook_endpoint_disabled', 'olu.owner@example.com', 'queued'],
    ]);
    const message = await t.api.mail.byId({ id: written[0]!.id });
    expect(message.subject).toBe('A webhook endpoint of a was disabled');
    expect(message.text).toContain(`Stageflow disabled the webhook endpoint ${endpoint.url} in a`);
    expect(message.text).toContain('every delivery to it failed for 5 days');
    expect(message.text).toContain(`${t.deps.publicUrl}/developer/webhooks/${endpoint.id}`);

    // Later attempts (none go to a disabled endpoint) write nothing more; the other workspace heard nothing.
    await t.enrol();
    await t.worker.tick();
    expect((await t.api.mail.list({})).items).toHaveLength(2);
    expect((await t.other.mail.list({})).items).toEqual([]);
  });

  test('without mail set up, a disabled endpoint writes no mail', async () => {
    t = await setupWebhooks();
    await addMember(t, t.workspaceId, 'owner', 'Olu Owner', t.clock.now);
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply({ status: 410 });
    await t.enrol();
    await t.worker.tick();
    expect(await t.api.webhooks.byId({ id: endpoint.id })).toMatchObject({ enabled: false, disabled_reason: 'gone' });
    expect((await t.api.mail.list({})).items).toEqual([]);
  });

  test('turning an endpoint off gives up what is pending; Replay sends it once it is on again', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    await t.enrol();
    await t.api.webhooks.update({ id: endpoint.id, enabled: false });
    expect(await t.worker.tick()).toBe(0);
    const [given] = (await t.log(endpoint.id)).items;
    expect(given).toMatchObject({ status: 'failed', attempts_made: 0 });
    await expect(t.api.webhooks.replay({ id: endpoint.id, delivery_id: given!.id })).rejects.toThrow(
      /disabled: enable it/,
    );
    await t.api.webhooks.update({ id: endpoint.id, enabled: true });
    await t.api.webhooks.replay({ id: endpoint.id, delivery_id: given!.id });
    await t.worker.tick();
    expect(t.receiver.received).toEqual([expect.objectContaining({ id: given!.webhook_id, verified: true })]);
  });
});

describe('replay, test events and rotation', () => {
  test('Replay sends the same message as a new delivery: same webhook-id, a fresh signature', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    t.receiver.reply({ status: 500 });
    await t.enrol();
    await t.worker.tick();
    const [failed] = (await t.log(endpoint.id)).items;
    t.clock.advance(1_000);
    const replay = await t.api.webhooks.replay({ id: endpoint.id, delivery_id: failed!.id });
    expect(replay).toMatchObject({
      status: 'pending',
      webhook_id: failed!.webhook_id,
      replay_of: failed!.id,
      payload: failed!.payload,
      attempts: [],
    });
    await t.worker.tick();
    const [first, second] = t.receiver.received;
    expect(second).toMatchObject({ id: first!.id, body: first!.body, verified: true });
    expect(second!.timestamp).toBe(String(Math.floor(Date.parse(t.clock.now()) / 1000)));
    const log = await t.log(endpoint.id);
    expect(log.items.map((d) => [d.replay_of, d.status])).toEqual([
      [failed!.id, 'succeeded'],
      [null, 'pending'],
    ]);
  });

  test('Send test event reaches only that endpoint, whatever it subscribed to', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['stage.archived'] });
    const other = await t.addEndpoint();
    const test = await t.api.webhooks.sendTest({ id: endpoint.id });
    expect(test).toMatchObject({ event_type: 'webhook.test', status: 'pending' });
    await t.worker.tick();
    expect(t.receiver.received).toHaveLength(1);
    expect(t.receiver.received[0]!.json).toMatchObject({
      type: 'webhook.test',
      data: { endpoint_id: endpoint.id, message: expect.stringContaining('test event') },
    });
    expect((await t.log(other.endpoint.id)).items).toEqual([]);
  });

  test('after a rotation both secrets sign for 24 hours, then only the new one', async () => {
    t = await setupWebhooks();
    const { endpoint, secret: before } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    const { secret: after, endpoint: rotated } = await t.api.webhooks.rotateSecret({ id: endpoint.id });
    expect(after).not.toBe(before);
    expect(rotated.previous_secret_expires_at).toBe(new Date(Date.parse(t.clock.now()) + 24 * 3_600_000).toISOString());
    await t.enrol();
    await t.worker.tick();
    const [during] = t.receiver.received;
    expect(during!.signature.split(' ')).toHaveLength(2);
    for (const secret of [before, after]) {
      expect(() => new Webhook(secret).verify(during!.body, during!.headers)).not.toThrow();
    }
    t.clock.advanceHours(24);
    await t.api.webhooks.sendTest({ id: endpoint.id });
    await t.worker.tick();
    const late = t.receiver.received[1]!;
    expect(late.signature.split(' ')).toHaveLength(1);
    // The receiver's clock is the real one: check the signature itself, not the timestamp's age.
    const expected = new Webhook(after).sign(late.id, new Date(Number(late.timestamp) * 1000), late.body);
    expect(late.signature).toBe(expected);
  });
});

describe('the wake-up', () => {
  test('a running worker sends what this process enqueues at once, not at its next poll', async () => {
    t = await setupWebhooks();
    await t.addEndpoint({ event_types: ['participant.enrolled'] });
    // Started, it looks once (nothing yet), then polls a minute later: only the wake-up can send within seconds.
    t.worker.start();
    try {
      const jane = await t.enrol();
      const [hook] = await t.receiver.waitFor(1, 5_000);
      expect(hook!.json).toMatchObject({ type: 'participant.enrolled', data: { participant: { id: jane.id } } });
    } finally {
      await t.worker.stop();
    }
  });
});

describe('leases', () => {
  test('two workers on one database: each attempt is sent once', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    for (let i = 0; i < 6; i++) await t.enrol();
    const [a, b] = [t.workerFor('worker:a'), t.workerFor('worker:b')];
    const made = await Promise.all([a.tick(), b.tick()]);
    expect(made[0] + made[1]).toBe(6);
    expect(made[0]).toBeGreaterThan(0);
    expect(made[1]).toBeGreaterThan(0);
    expect(new Set(t.receiver.received.map((r) => r.id)).size).toBe(6);
    expect(t.receiver.received).toHaveLength(6);
    expect((await t.log(endpoint.id)).items.every((d) => d.status === 'succeeded' && d.attempts_made === 1)).toBe(true);
  });

  test('a leased delivery waits for its lease to run out; the process that lost it records nothing', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    await t.enrol();
    const leaseUntil = new Date(Date.parse(t.clock.now()) + 3_000).toISOString();
    // A process that took it and died before sending.
    const [taken] = await t.deps.storage.webhooks.claim('worker:dead', t.clock.now(), leaseUntil, 10);
    expect(taken).toBeDefined();
    expect(await t.worker.tick()).toBe(0);
    t.clock.advance(3_000);
    expect(await t.worker.tick()).toBe(1);
    expect((await t.log(endpoint.id)).items[0]).toMatchObject({ status: 'succeeded', attempts_made: 1 });
    const late = await t.deps.storage.webhooks.settle(
      taken!.id,
      'worker:dead',
      {
        attempt: 1,
        started_at: t.clock.now(),
        latency_ms: 1,
        status_code: 200,
        response_body: '',
        error: null,
        succeeded: true,
      },
      t.clock.now(),
      () => ({ delivery: { status: 'succeeded' }, endpoint: { failing_since: null, disable: null } }),
    );
    expect(late).toEqual({ recorded: false, disabled: null });
  });
});

describe('retention', () => {
  test('finished deliveries go after 30 days; pending ones stay', async () => {
    t = await setupWebhooks();
    const { endpoint } = await t.addEndpoint({ event_types: ['participant.enrolled'] });
    await t.enrol();
    await t.worker.tick();
    t.receiver.reply(...Array.from({ length: 20 }, () => ({ status: 500 })));
    t.clock.advanceHours(24 * 29);
    await t.enrol();
    await t.worker.tick();
    t.clock.advanceHours(24 + 1);
    expect(await t.worker.sweep()).toBe(1);
    expect((await t.log(endpoint.id)).items.map((d) => d.status)).toEqual(['pending']);
  });
});
