// Outgoing mail through the API and the worker, read at a local SMTP sink (docs/mail.md): the portal
// link arrives in the template's language; without mail set up it waits in the outbox, marked not sent;
// a down server is tried again later; a refusal for good is given up; leases keep two workers from
// sending one message twice; the digest goes to opted-in deciders only, with their workspace's decisions.
import type { NewMail } from '@stageflow/db';
import { NOW, startSmtpSink } from '@stageflow/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { createLogger } from '../logger.ts';
import { expectTRPCError, processesOnOneDatabase, rowsOnEngine } from '../testing.ts';
import { MAIL_FROM, setupMail } from '../testing-mail.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';
import { createSmtpSender } from './smtp.ts';
import { createMailWorker } from './worker.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
async function kit(options?: Parameters<typeof setupMail>[0]) {
  const m = await setupMail(options);
  cleanups.push(m.close);
  return m;
}
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
const MINUTE = 60_000;

describe('the portal link by email', () => {
  test("arrives at the SMTP sink in the template's language, and the link in it opens the portal", async () => {
    const { t, sink, worker } = await kit();
    const { template } = await buildPipeline(t.api);
    await t.api.templates.update({ id: template.id, language: 'es' });
    const rosa = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Rosa Jiménez') });

    const sent = await t.api.participants.sendPortalLink({ participant_id: rosa.id });
    expect(sent.mail).toEqual({ id: expect.any(String), to: rosa.email, status: 'queued' });
    expect(sent.url).toMatch(/\/p\/sfp_[\w-]{43}$/);
    expect((await t.api.mail.list({})).items).toMatchObject([
      { id: sent.mail.id, status: 'queued', kind: 'portal_link' },
    ]);

    expect(await worker.tick()).toBe(1);
    const mail = await sink.waitFor((m) => m.to.includes(rosa.email));
    expect(mail.from).toBe('no-reply@stageflow.test');
    expect(mail.subject).toBe(`Tu enlace a ${template.template_name}`);
    expect(mail.language).toBe('es');
    expect(mail.text).toContain('Hola, Rosa Jiménez:');
    expect(mail.text).toContain(sent.url);
    expect(mail.html).toContain(`href="${sent.url}"`);
    expect(mail.headers.get('x-stageflow-outbox-id')).toBe(sent.mail.id);

    // The link it carries is the participant's working link.
    const token = sent.url.split('/p/')[1]!;
    const opened = await t.deps.storage.portalLinks.open(
      (await import('../auth/portal-tokens.ts')).hashPortalToken(token),
      () => ({ opened_at: NOW, events: [] }),
    );
    expect(opened).toMatchObject({ participant: { id: rosa.id } });

    // Sent: recorded, and the outbox keeps no working link any more.
    const stored = await t.api.mail.byId({ id: sent.mail.id });
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, sent_at: NOW, last_error: null });
    expect(stored.text).not.toContain(token);
    expect(stored.text).toContain('/p/sfp_…');

    // The staff timeline says it was emailed.
    const { items } = await t.api.participants.timeline({ id: rosa.id });
    expect(items.map((e) => e.type)).toContain('portal_link_emailed');
  });

  test('sending again makes a new link: the one emailed before stops working', async () => {
    const { t } = await kit();
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane') });
    await t.api.participants.sendPortalLink({ participant_id: jane.id });
    await t.api.participants.sendPortalLink({ participant_id: jane.id, expires_in_days: 7 });
    const page = await t.api.participants.byId({ id: jane.id });
    expect(page.portal_link).toMatchObject({ status: 'active', expires_at: later(7 * 24 * 60 * MINUTE) });
    const { items } = await t.api.participants.timeline({ id: jane.id, limit: 100 });
    expect(items.filter((e) => e.type === 'portal_link_revoked')).toHaveLength(1);
  });

  test('another workspace cannot send a link to this one’s participant', async () => {
    const { t } = await kit();
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane') });
    await expectTRPCError(t.other.participants.sendPortalLink({ participant_id: jane.id }), 'NOT_FOUND');
    expect((await t.api.mail.list({})).items).toEqual([]);
  });

  test('without mail set up, the message waits in the outbox marked not sent, and nothing is ever sent', async () => {
    const { t, sink, worker } = await kit({ configured: false });
    expect(await t.api.mail.setup()).toEqual({ configured: false, from: null });
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane') });

    const sent = await t.api.participants.sendPortalLink({ participant_id: jane.id });
    expect(sent.mail.status).toBe('not_sent');
    const kept = await t.api.mail.byId({ id: sent.mail.id });
    expect(kept).toMatchObject({ status: 'not_sent', attempts: 0, next_attempt_at: null, to: jane.email });
    // Kept whole, so an owner can read it: the link in it is the one to hand over.
    expect(kept.text).toContain(sent.url);
    expect((await t.api.mail.list({ status: 'not_sent' })).items).toHaveLength(1);

    expect(await worker.tick()).toBe(0);
    expect(sink.messages).toEqual([]);
  });
});

describe('retries', () => {
  test('SMTP down: the try fails, waits, and the message is delivered once the server is back', async () => {
    const { t, sink, worker, at } = await kit();
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane') });
    await sink.down();
    const { mail } = await t.api.participants.sendPortalLink({ participant_id: jane.id });

    expect(await worker.tick()).toBe(1);
    const waiting = await t.api.mail.byId({ id: mail.id });
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: later(MINUTE) });
    expect(waiting.last_error).toMatch(/^The SMTP server smtp:\/\/127\.0\.0\.1:\d+: the connection was refused/);

    // Not due yet: nothing is tried, even with the server back.
    await sink.up();
    at(later(30_000));
    expect(await worker.tick()).toBe(0);

    at(later(MINUTE));
    expect(await worker.tick()).toBe(1);
    await sink.waitFor((m) => m.to.includes(jane.email));
    expect(await t.api.mail.byId({ id: mail.id })).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(sink.messages).toHaveLength(1);
  });

  test('a temporary refusal (450) is tried again; a refusal for good (550) is given up at once', async () => {
    const { t, sink, worker, at } = await kit();
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane') });
    const john = await t.api.participants.create({ evaluation_template_id: template.id, ...person('John') });

    sink.refuseNext(1, 450, 'Mailbox busy, try later');
    const first = await t.api.participants.sendPortalLink({ participant_id: jane.id });
    await worker.tick();
    expect(await t.api.mail.byId({ id: first.mail.id })).toMatchObject({ status: 'queued', attempts: 1 });
    at(later(MINUTE));
    await worker.tick();
    expect(await t.api.mail.byId({ id: first.mail.id })).toMatchObject({ status: 'sent', attempts: 2 });

    sink.refuseNext(1, 550, 'No such user here');
    const second = await t.api.participants.sendPortalLink({ participant_id: john.id });
    await worker.tick();
    const failed = await t.api.mail.byId({ id: second.mail.id });
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(failed.last_error).toContain('550 No such user here');
    // Given up: it keeps no working link either.
    expect(failed.text).not.toContain(second.url);
  });
});

describe('enrolment with the link', () => {
  test('one enrolment: the participant, the link and the message in one transaction; the mail arrives', async () => {
    const { t, sink, worker } = await kit();
    const { template } = await buildPipeline(t.api);
    const enrolled = await t.api.participants.create({
      evaluation_template_id: template.id,
      ...person('Rosa'),
      send_portal_link: true,
    });
    expect(enrolled.portal_link_sent).toEqual({
      url: expect.stringMatching(/\/p\/sfp_/),
      expires_at: later(30 * 24 * 60 * MINUTE),
      mail: { id: expect.any(String), to: enrolled.email, status: 'queued' },
    });
    await worker.tick();
    const mail = await sink.waitFor((m) => m.to.includes(enrolled.email));
    expect(mail.subject).toBe(`Your link to ${template.template_name}`);
    expect(mail.text).toContain(enrolled.portal_link_sent!.url);
    const page = await t.api.participants.byId({ id: enrolled.id });
    expect(page.portal_link?.status).toBe('active');
    const { items } = await t.api.participants.timeline({ id: enrolled.id });
    expect(items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['participant_enrolled', 'portal_link_created', 'portal_link_emailed']),
    );
  });

  test('a refused enrolment writes no link and no mail', async () => {
    const { t } = await kit();
    const { template } = await buildPipeline(t.api);
    const jane = person('Jane');
    await t.api.participants.create({ evaluation_template_id: template.id, ...jane });
    await expectTRPCError(
      t.api.participants.create({ evaluation_template_id: template.id, ...jane, send_portal_link: true }),
      'CONFLICT',
    );
    expect((await t.api.mail.list({})).items).toEqual([]);
  });

  test('a retried enrolment (same Idempotency-Key) answers the first link and writes no second mail', async () => {
    const { t } = await kit();
    const { template } = await buildPipeline(t.api);
    const input = {
      evaluation_template_id: template.id,
      ...person('Kim'),
      send_portal_link: true,
      idempotency_key: 'k-1',
    };
    const first = await t.api.participants.create(input);
    const again = await t.api.participants.create(input);
    expect(again.portal_link_sent).toEqual(first.portal_link_sent);
    expect((await t.api.mail.list({})).items).toHaveLength(1);
  });

  test('bulk import: each person created gets their link; skipped rows get none', async () => {
    const { t, sink, worker } = await kit();
    const { template } = await buildPipeline(t.api);
    const a = person('Ann');
    const b = person('Ben');
    const report = await t.api.participants.bulkCreate({
      evaluation_template_id: template.id,
      participants: [a, b, { ...a, name: 'Ann again' }, { name: 'No email' }],
      send_portal_link: true,
    });
    expect(report.created.map((c) => [c.email, c.portal_link_mail?.status])).toEqual([
      [a.email, 'queued'],
      [b.email, 'queued'],
    ]);
    expect(report.skipped).toHaveLength(2);
    expect(await worker.tick()).toBe(2);
    await sink.waitFor((m) => m.to.includes(b.email));
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual([a.email, b.email].sort());
  });
});

describe('several workers on one database', () => {
  test('two processes never send one message twice, and one that died is taken over once its lease ends', async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const log = createLogger('silent');
    let now = NOW;
    const processes = await processesOnOneDatabase(2);
    await processes[0]!.reads.workspaces.insert({ id: 'w1', slug: 'one', name: 'One' });
    const message = (n: number): NewMail => ({
      id: crypto.randomUUID(),
      workspace_id: 'w1',
      kind: 'review_digest',
      to_address: `r${n}@example.com`,
      to_name: null,
      language: 'en',
      subject: `Message ${n}`,
      text_body: `Hello ${n}`,
      html_body: `<p>Hello ${n}</p>`,
      status: 'queued',
      created_at: NOW,
      created_by: 'system',
    });
    await processes[0]!.mail.enqueue(Array.from({ length: 12 }, (_, n) => message(n)));

    // A process claims three and dies before sending them.
    const dead = await processes[1]!.mail.claim({ owner: 'dead', now: NOW, until: later(2 * MINUTE) }, 3);
    expect(dead).toHaveLength(3);

    const workers = processes.map((storage) =>
      createMailWorker({
        storage,
        publicUrl: 'http://localhost',
        newId: () => crypto.randomUUID(),
        send: createSmtpSender({ smtpUrl: sink.url, from: MAIL_FROM }),
        log,
        now: () => now,
        digestHour: 8,
        batch: 2,
      }),
    );
    // Both at once, until neither finds anything due.
    const drain = async () => {
      let tried = 1;
      while (tried > 0) tried = (await Promise.all(workers.map((w) => w.tick()))).reduce((a, b) => a + b, 0);
    };
    await drain();
    expect(sink.messages).toHaveLength(9);
    // The dead process's lease runs out: the others send its three, once each.
    now = later(2 * MINUTE);
    await drain();
    expect(sink.messages).toHaveLength(12);
    expect(new Set(sink.messages.map((m) => m.subject)).size).toBe(12);
  });
});

describe('the review digest', () => {
  test('goes daily to deciders who turned it on, listing their own workspace’s open decisions only', async () => {
    const { t, sink, worker, at, member } = await kit({ digestHour: 8 });
    // Workspace A: two open decisions (the Technical stage needs a reviewer's approval).
    const { template } = await buildPipeline(t.api);
    for (const name of ['Priya Raman', 'Omar Haddad']) {
      const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person(name) });
      await t.api.sessions.recordResult({ participant_id: p.id, ...scores(9, 9) });
      await t.api.sessions.recordResult({ participant_id: p.id, ...scores(9, 9) });
    }
    expect(await t.api.decisions.openCount()).toBe(2);
    // Workspace B: one open decision of its own.
    const other = await buildPipeline(t.other);
    const b = await t.other.participants.create({ evaluation_template_id: other.template.id, ...person('Bea Other') });
    await t.other.sessions.recordResult({ participant_id: b.id, ...scores(9, 9) });
    await t.other.sessions.recordResult({ participant_id: b.id, ...scores(9, 9) });

    const rae = await member(t.workspaceId, 'reviewer', 'Rae Reviewer');
    const ada = await member(t.workspaceId, 'admin', 'Ada Admin');
    const vic = await member(t.workspaceId, 'viewer', 'Vic Viewer');
    const bob = await member(t.otherWorkspaceId, 'reviewer', 'Bob Other');
    expect(await rae.api.mail.preferences({})).toEqual({ review_digest: false, can_receive_review_digest: true });
    expect(await rae.api.mail.updatePreferences({ review_digest: true })).toMatchObject({ review_digest: true });
    expect(await bob.api.mail.updatePreferences({ review_digest: true })).toMatchObject({ review_digest: true });
    // Ada leaves it off; a viewer cannot turn it on.
    expect(await vic.api.mail.preferences({})).toEqual({ review_digest: false, can_receive_review_digest: false });
    await expectTRPCError(vic.api.mail.updatePreferences({ review_digest: true }), 'FORBIDDEN');

    // Before the hour: nothing.
    at('2026-12-02T07:59:00.000Z');
    expect(await worker.digests()).toBe(0);
    at('2026-12-02T08:00:00.000Z');
    expect(await worker.digests()).toBe(2);
    // Once a day, however often it looks.
    expect(await worker.digests()).toBe(0);
    await worker.tick();

    const raes = await sink.waitFor((m) => m.to.includes(rae.email));
    expect(raes.subject).toBe('2 open decisions in a');
    expect(raes.text).toContain('Hello Rae Reviewer,');
    expect(raes.text).toMatch(/- Priya Raman: Technical in Senior Backend Engineer, waiting 2 days/);
    expect(raes.text).toContain('- Omar Haddad:');
    expect(raes.text).not.toContain('Bea Other');
    const bobs = await sink.waitFor((m) => m.to.includes(bob.email));
    expect(bobs.subject).toBe('1 open decision in b');
    expect(bobs.text).toContain('Bea Other');
    expect(bobs.text).not.toContain('Priya');
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual([bob.email, rae.email].sort());
    expect(ada.email).toBeDefined();

    // The next day, again; a member turned off or made a viewer gets none.
    await bob.api.mail.updatePreferences({ review_digest: false });
    at('2026-12-03T09:00:00.000Z');
    expect(await worker.digests()).toBe(1);
    await rowsOnEngine(t, "update members set role = 'viewer' where user_id = ? returning id", rae.userId);
    at('2026-12-04T09:00:00.000Z');
    expect(await worker.digests()).toBe(0);
  });

  test('no open decisions: no digest that day until one opens', async () => {
    const { t, worker, at, member } = await kit({ digestHour: 8 });
    const rae = await member(t.workspaceId, 'reviewer', 'Rae Reviewer');
    await rae.api.mail.updatePreferences({ review_digest: true });
    at('2026-12-02T08:00:00.000Z');
    expect(await worker.digests()).toBe(0);
  });
});
