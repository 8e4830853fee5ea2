// Mail through the whole server as main.ts builds it (createServer with SMTP settings, its worker
// running), driven over HTTP as the web app and scripts drive it: an invitation made through
// better-auth and a portal link sent over REST arrive at a local SMTP sink; without SMTP both wait in
// the outbox, unsent; a message tried while SMTP was down is sent after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cookieHeaderFrom, type SmtpSink, startSmtpSink } from '@stageflow/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { CLIENT_HEADER } from '../http/csrf.ts';
import { createLogger } from '../logger.ts';
import { createServer, type SqliteServer } from '../server.ts';
import { MAIL_FROM } from '../testing-mail.ts';
import { mailSettingsFromEnv } from './settings.ts';

const PUBLIC_URL = 'http://localhost:3000';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function serve(options: { sink?: SmtpSink; databasePath?: string; now?: () => string }): SqliteServer {
  const server = createServer({
    databasePath: options.databasePath ?? ':memory:',
    publicUrl: PUBLIC_URL,
    authSecret: 'mail-test-secret-mail-test-secret-0123',
    log: createLogger('silent'),
    demo: false,
    mail: {
      settings: options.sink ? { smtpUrl: options.sink.url, from: MAIL_FROM } : null,
      worker: { pollMs: 50 },
      ...(options.now ? { now: options.now } : {}),
    },
  });
  cleanups.push(async () => {
    await server.mailWorker?.stop();
    server.close();
  });
  return server;
}

/** A person in a browser: their cookie, and requests as the web app sends them. */
function person(server: SqliteServer) {
  let cookie = '';
  return async (method: string, path: string, body?: unknown) => {
    const res = await server.fetch(
      new Request(`${PUBLIC_URL}${path}`, {
        method,
        headers: {
          origin: PUBLIC_URL,
          cookie,
          [CLIENT_HEADER]: 'web',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const set = cookieHeaderFrom(res);
    if (set) cookie = set;
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: JSON answers, read loosely in assertions
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  };
}

/** An owner signed up with a workspace, a one-stage template and a participant. */
async function ownerWithParticipant(server: SqliteServer) {
  const owner = person(server);
  await owner('POST', '/api/auth/sign-up/email', {
    email: 'ada@example.com',
    password: 'correct horse battery',
    name: 'Ada Owner',
  });
  const workspace = await owner('POST', '/api/auth/organization/create', { name: 'Acme Hiring', slug: 'acme' });
  expect(workspace.status).toBe(200);
  const template = await owner('POST', '/api/v1/evaluation-templates', {
    template_name: 'Product Basics',
    use_case: 'training',
  });
  await owner('POST', '/api/v1/evaluation-stages', {
    evaluation_template_id: template.body.id,
    type: 'review',
    stage_type: 'manual_review',
  });
  const rosa = await owner('POST', '/api/v1/participants', {
    evaluation_template_id: template.body.id,
    name: 'Rosa Jiménez',
    email: 'rosa@example.com',
  });
  expect(rosa.status).toBe(200);
  return { owner, participant: rosa.body as { id: string; email: string } };
}

describe('with SMTP set up', () => {
  test('an invitation and a portal link arrive at the SMTP sink', async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const server = serve({ sink });
    const { owner, participant } = await ownerWithParticipant(server);
    expect((await owner('GET', '/trpc/mail.setup')).body.result.data).toEqual({ configured: true, from: MAIL_FROM });

    const invited = await owner('POST', '/api/auth/organization/invite-member', {
      email: 'rev@example.com',
      role: 'reviewer',
    });
    expect(invited.status).toBe(200);
    const invitation = await sink.waitFor((m) => m.to.includes('rev@example.com'));
    expect(invitation.subject).toBe('Ada Owner invited you to Acme Hiring on Stageflow');
    expect(invitation.text).toContain(`${PUBLIC_URL}/invite/${invited.body.id}`);
    expect(invitation.text).toContain('as a reviewer');

    const sent = await owner('POST', `/api/v1/participants/${participant.id}/portal-link/send`, {});
    expect(sent.status).toBe(200);
    expect(sent.body.mail).toEqual({ id: expect.any(String), to: 'rosa@example.com', status: 'queued' });
    const link = await sink.waitFor((m) => m.to.includes('rosa@example.com'));
    expect(link.subject).toBe('Your link to Product Basics');
    expect(link.text).toContain(sent.body.url);
    expect(link.text).toContain('Acme Hiring invites you to follow Product Basics.');

    // "Send again" on the Members page asks better-auth to resend: a second message.
    await owner('POST', '/api/auth/organization/invite-member', {
      email: 'rev@example.com',
      role: 'reviewer',
      resend: true,
    });
    await expect.poll(() => sink.messages.filter((m) => m.to.includes('rev@example.com')).length).toBe(2);

    // The owner reads all three in the outbox, sent.
    await expect.poll(async () => (await owner('GET', '/api/v1/mail/outbox?status=sent')).body.items.length).toBe(3);
    const outbox = await owner('GET', '/api/v1/mail/outbox');
    expect(outbox.body.items.map((m: { kind: string }) => m.kind).sort()).toEqual([
      'member_invitation',
      'member_invitation',
      'portal_link',
    ]);
  });
});

describe('a bulk send of the portal link', () => {
  test('over REST: previewed, applied, and the link arrives at the SMTP sink', async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const server = serve({ sink });
    const { owner, participant } = await ownerWithParticipant(server);
    const body = { action: 'send_portal_link', participant_ids: [participant.id] };

    const preview = await owner('POST', '/api/v1/participants/bulk-actions', { ...body, dry_run: true });
    expect(preview.body.items[0]).toMatchObject({
      outcome: 'applied',
      summary: 'Emails a new portal link to rosa@example.com, working 30 days',
    });
    const started = await owner('POST', '/api/v1/participants/bulk-actions', { ...body, dry_run: false });
    expect(started.status).toBe(200);
    await expect
      .poll(async () => (await owner('GET', `/api/v1/participants/bulk-actions/${started.body.id}`)).body.status)
      .toBe('completed');

    const link = await sink.waitFor((m) => m.to.includes('rosa@example.com'));
    expect(link.subject).toBe('Your link to Product Basics');
    expect(link.text).toMatch(new RegExp(`${PUBLIC_URL}/p/sfp_[\\w-]{43}`));
    const rosa = await owner('GET', `/api/v1/participants/${participant.id}`);
    expect(rosa.body.portal_link).toMatchObject({ status: 'active' });
  });
});

describe('without SMTP', () => {
  test('the invitation and the link wait in the outbox, not sent, and the owner reads them there', async () => {
    const server = serve({});
    expect(server.mailWorker).toBeNull();
    const { owner, participant } = await ownerWithParticipant(server);
    expect((await owner('GET', '/trpc/mail.setup')).body.result.data).toEqual({ configured: false, from: null });

    await owner('POST', '/api/auth/organization/invite-member', { email: 'rev@example.com', role: 'reviewer' });
    const sent = await owner('POST', `/api/v1/participants/${participant.id}/portal-link/send`, {});
    expect(sent.body.mail.status).toBe('not_sent');

    const outbox = await owner('GET', '/api/v1/mail/outbox');
    expect(outbox.body.items).toHaveLength(2);
    expect(outbox.body.items.every((m: { status: string }) => m.status === 'not_sent')).toBe(true);
    const message = await owner('GET', `/api/v1/mail/outbox/${sent.body.mail.id}`);
    expect(message.body).toMatchObject({ kind: 'portal_link', to: 'rosa@example.com', status: 'not_sent' });
    expect(message.body.text).toContain(sent.body.url);
    expect(message.body.html).toContain('<html lang="en">');
  });

  test('an unknown message is a 404; a bad filter a 400 naming it', async () => {
    const server = serve({});
    const { owner } = await ownerWithParticipant(server);
    expect((await owner('GET', `/api/v1/mail/outbox/${crypto.randomUUID()}`)).status).toBe(404);
    const bad = await owner('GET', '/api/v1/mail/outbox?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(['status']);
    const badBody = await owner('PUT', '/api/v1/mail/preferences', { review_digest: 'yes' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.issues[0].path).toEqual(['review_digest']);
  });
});

describe('a restart loses nothing', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a link tried while SMTP was down is sent by the next start', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stageflow-mail-restart-'));
    const databasePath = join(dir, 'stageflow.db');
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    await sink.down();

    const first = serve({ sink, databasePath });
    const { owner, participant } = await ownerWithParticipant(first);
    const sent = await owner('POST', `/api/v1/participants/${participant.id}/portal-link/send`, {});
    // The worker tried at once and failed: it waits for its next try.
    await expect
      .poll(async () => (await owner('GET', `/api/v1/mail/outbox/${sent.body.mail.id}`)).body.attempts)
      .toBe(1);
    await first.mailWorker?.stop();
    first.close();

    await sink.up();
    // The next start, after the retry is due.
    const inTwoMinutes = () => new Date(Date.now() + 2 * 60_000).toISOString();
    serve({ sink, databasePath, now: inTwoMinutes });
    const arrived = await sink.waitFor((m) => m.to.includes(participant.email));
    expect(arrived.text).toContain(sent.body.url);
    expect(sink.messages).toHaveLength(1);
  });
});

describe('settings from the environment', () => {
  test.each([
    [{}, null, []],
    [{ SMTP_URL: 'smtp://mail.example.com:587', MAIL_FROM: MAIL_FROM }, 'smtp://mail.example.com:587', []],
    [
      { SMTP_URL: 'smtps://u:p@mail.example.com', MAIL_FROM: 'no-reply@example.com' },
      'smtps://u:p@mail.example.com',
      [],
    ],
    [{ SMTP_URL: 'smtp://mail.example.com' }, null, ['SMTP_URL is set but MAIL_FROM is not']],
    [{ MAIL_FROM: MAIL_FROM }, null, ['MAIL_FROM is set but SMTP_URL is not']],
    [{ SMTP_URL: 'http://mail.example.com', MAIL_FROM: MAIL_FROM }, null, ['must start with smtp:// or smtps://']],
    [{ SMTP_URL: 'not a url', MAIL_FROM: MAIL_FROM }, null, ['does not parse']],
    [{ SMTP_URL: 'smtp://h', MAIL_FROM: 'Two <a@b.c>, <d@e.f>' }, null, ['MAIL_FROM must be one address']],
    [{ MAIL_DIGEST_HOUR: '25' }, null, ['MAIL_DIGEST_HOUR must be a whole hour']],
  ] as const)('%j', (env, smtpUrl, problems) => {
    const read = mailSettingsFromEnv(env);
    expect(read.settings?.smtpUrl ?? null).toBe(smtpUrl);
    expect(read.problems).toHaveLength(problems.length);
    for (const [i, problem] of problems.entries()) expect(read.problems[i]).toContain(problem);
    // The log never holds a password.
    for (const problem of read.problems) expect(problem).not.toContain(':p@');
  });

  test('the digest hour', () => {
    expect(mailSettingsFromEnv({ MAIL_DIGEST_HOUR: '6' }).digestHour).toBe(6);
    expect(mailSettingsFromEnv({}).digestHour).toBe(8);
  });
});
