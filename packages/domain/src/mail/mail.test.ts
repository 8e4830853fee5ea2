// Building a message is pure (docs/mail.md#templates): the same blocks as HTML and as text, escaped,
// in the participant's language where the portal has it; and the outbox's rules (docs/mail.md#retries).
import { describe, expect, it } from 'vitest';
import { en } from '../portal/copy/en.ts';
import { es } from '../portal/copy/es.ts';
import { invitationMail } from './invitation-mail.ts';
import {
  afterMailAttempt,
  digestDue,
  digestKey,
  MAIL_RETRY_DELAYS_MS,
  MAX_MAIL_ATTEMPTS,
  redactSentMail,
} from './outbox.ts';
import { portalLinkMail } from './portal-link-mail.ts';
import { escapeHtml, renderMail } from './render.ts';
import { DIGEST_MAX_ITEMS, reviewDigestMail } from './review-digest-mail.ts';
import { webhookDisabledMail } from './webhook-disabled-mail.ts';

const TOKEN = `sfp_${'A'.repeat(43)}`;
const URL = `https://app.example.com/p/${TOKEN}`;

describe('renderMail: one message, two parts', () => {
  const mail = renderMail('es', 'Hola <b>', [
    { kind: 'paragraph', text: 'Ana & "Bo" <script>alert(1)</script>' },
    { kind: 'list', items: ['uno', 'dos <i>'] },
    { kind: 'action', label: 'Abrir', url: 'https://x.test/a?b=1&c="2"', copyHint: 'Copia:' },
    { kind: 'small', text: 'letra pequeña' },
  ]);

  it('escapes every string in the HTML, the link included', () => {
    expect(mail.html).toContain('Ana &amp; &quot;Bo&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('href="https://x.test/a?b=1&amp;c=&quot;2&quot;"');
    expect(mail.html).toContain('<title>Hola &lt;b&gt;</title>');
    expect(escapeHtml(`<'&">`)).toBe('&lt;&#39;&amp;&quot;&gt;');
  });

  it('is a whole document in the language, with a list, a link and no script or image', () => {
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(mail.html).toContain('<ul');
    expect(mail.html).toContain('<li>dos &lt;i&gt;</li>');
    expect(mail.html).not.toMatch(/<img|<script|<style/);
  });

  it('says the same in the text part, unescaped, the address written out', () => {
    expect(mail.text).toBe(
      'Ana & "Bo" <script>alert(1)</script>\n\n- uno\n- dos <i>\n\nAbrir:\nhttps://x.test/a?b=1&c="2"\n\nletra pequeña\n',
    );
  });
});

describe('portalLinkMail: in the template language, from the portal copy', () => {
  const facts = {
    name: 'Rosa Jiménez',
    template_name: 'Product Basics',
    team: 'Acme Learning',
    url: URL,
    expires_at: '2026-07-01T09:00:00.000Z',
  };

  it('in English', () => {
    const mail = portalLinkMail(facts, en);
    expect(mail.subject).toBe('Your link to Product Basics');
    expect(mail.text).toContain('Hello Rosa Jiménez,');
    expect(mail.text).toContain('Acme Learning invites you to follow Product Basics.');
    expect(mail.text).toContain(`Open your evaluation:\n${URL}`);
    expect(mail.text).toMatch(/The link works until 1 July 2026\b.*09:00 \(UTC\)\./);
    expect(mail.html).toContain(`<a href="${URL}"`);
    expect(mail.html).toContain('<html lang="en">');
  });

  it('in Spanish', () => {
    const mail = portalLinkMail(facts, es);
    expect(mail.subject).toBe('Tu enlace a Product Basics');
    expect(mail.text).toContain('Hola, Rosa Jiménez:');
    expect(mail.text).toContain(`Abrir tu evaluación:\n${URL}`);
    expect(mail.text).toMatch(/El enlace funciona hasta el 1 de julio de 2026\b/);
    expect(mail.html).toContain('<html lang="es">');
  });

  it('never carries an internal id', () => {
    const mail = portalLinkMail(facts, en);
    expect(mail.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

describe('invitationMail', () => {
  it('names the inviter, the workspace, the role, the address and the link', () => {
    const mail = invitationMail({
      workspace_name: 'Acme Hiring',
      inviter_name: 'Dana Owner',
      inviter_email: 'dana@acme.test',
      email: 'rev@acme.test',
      role: 'reviewer',
      url: 'https://app.example.com/invite/0b3c',
      expires_at: '2026-06-09T09:30:00.000Z',
    });
    expect(mail.subject).toBe('Dana Owner invited you to Acme Hiring on Stageflow');
    expect(mail.text).toContain('invited you to join Acme Hiring on Stageflow as a reviewer.');
    expect(mail.text).toContain('Accept the invitation:\nhttps://app.example.com/invite/0b3c');
    expect(mail.text).toContain('sign in or sign up with this address (rev@acme.test)');
    expect(mail.text).toContain('9 June 2026');
  });
});

describe('reviewDigestMail', () => {
  const decision = (n: number) => ({
    participant_name: `Person ${n}`,
    template_name: 'Sales',
    stage_name: 'Technical',
    opened_at: '2026-06-01T08:00:00.000Z',
  });
  const base = {
    member_name: 'Rae Reviewer',
    workspace_name: 'Acme',
    inbox_url: 'https://app.example.com/decisions',
    settings_url: 'https://app.example.com/settings/notifications',
    now: '2026-06-04T09:00:00.000Z',
  };

  it('lists the open decisions, how long each has waited, and how to stop it', () => {
    const mail = reviewDigestMail({ ...base, decisions: [decision(1)], total: 1 });
    expect(mail.subject).toBe('1 open decision in Acme');
    expect(mail.text).toContain('- Person 1: Technical in Sales, waiting 3 days');
    expect(mail.text).toContain('Open the decisions inbox:\nhttps://app.example.com/decisions');
    expect(mail.text).toContain('Settings → Notifications: https://app.example.com/settings/notifications');
  });

  it('names at most DIGEST_MAX_ITEMS and counts the rest', () => {
    const many = Array.from({ length: DIGEST_MAX_ITEMS + 3 }, (_, i) => decision(i));
    const mail = reviewDigestMail({ ...base, decisions: many, total: 40 });
    expect(mail.subject).toBe('40 open decisions in Acme');
    expect(mail.text.match(/^- Person/gm)).toHaveLength(DIGEST_MAX_ITEMS);
    expect(mail.text).toContain(`- and ${40 - DIGEST_MAX_ITEMS} more`);
  });
});

describe('afterMailAttempt: retries, then gives up', () => {
  const now = '2026-06-01T10:00:00.000Z';
  const down = { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:2525', permanent: false } as const;

  it('a sent message is sent', () => {
    expect(afterMailAttempt({ ok: true, message_id: '<m@x>' }, 1, now)).toMatchObject({
      status: 'sent',
      sent_at: now,
      smtp_message_id: '<m@x>',
      next_attempt_at: null,
      last_error: null,
    });
  });

  it('waits longer after each failed try', () => {
    const waits = MAIL_RETRY_DELAYS_MS.map((_, i) => {
      const after = afterMailAttempt(down, i + 1, now);
      expect(after.status).toBe('queued');
      return Date.parse(after.next_attempt_at!) - Date.parse(now);
    });
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(waits[0]).toBe(60_000);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(20 * 3_600_000);
  });

  it('gives up after the last try, or at once when the server refused it for good', () => {
    expect(afterMailAttempt(down, MAX_MAIL_ATTEMPTS, now)).toMatchObject({ status: 'failed', next_attempt_at: null });
    expect(afterMailAttempt({ ok: false, error: '550 no such user', permanent: true }, 1, now)).toMatchObject({
      status: 'failed',
      last_error: '550 no such user',
    });
  });
});

describe('the outbox keeps no working portal link once a message has left', () => {
  it('cuts every token to its prefix', () => {
    expect(redactSentMail(`Open ${URL} or <a href="${URL}">`)).toBe(
      'Open https://app.example.com/p/sfp_… or <a href="https://app.example.com/p/sfp_…">',
    );
  });
});

describe('the daily digest', () => {
  it('is due from the hour on, once per member per UTC day', () => {
    expect(digestDue('2026-06-01T07:59:59.000Z', 8)).toBe(false);
    expect(digestDue('2026-06-01T08:00:00.000Z', 8)).toBe(true);
    expect(digestKey('u1', '2026-06-01T23:59:00.000Z')).toBe('review_digest:u1:2026-06-01');
    expect(digestKey('u1', '2026-06-02T00:00:00.000Z')).toBe('review_digest:u1:2026-06-02');
  });
});

describe('the mail about a disabled webhook endpoint', () => {
  it('says which endpoint, why, and where to turn it on again', () => {
    const facts = {
      member_name: 'Ada Admin',
      workspace_name: 'Acme <Hiring>',
      endpoint_url: 'https://hooks.example.com/stageflow',
      reason: 'gone' as const,
      failing_since: null,
      endpoint_page: 'http://localhost:3000/developer/webhooks/e1',
    };
    const gone = webhookDisabledMail(facts);
    expect(gone.subject).toBe('A webhook endpoint of Acme <Hiring> was disabled');
    expect(gone.text).toContain('it answered 410 Gone, which says the endpoint no longer exists');
    expect(gone.text).toContain('http://localhost:3000/developer/webhooks/e1');
    expect(gone.html).toContain('Acme &lt;Hiring&gt;');
    const failing = webhookDisabledMail({ ...facts, reason: 'failing', failing_since: '2026-03-02T09:00:00.000Z' });
    expect(failing.text).toContain('every delivery to it failed for 5 days, since 2 March 2026 at 09:00 (UTC)');
  });
});
