import { describe, expect, it } from 'vitest';
import { issuePortalLink, type PortalLinkRecord } from '../portal-links.ts';
import { BulkActionInput, bulkRequestOf } from './input.ts';
import { decideSendLinkItem, type LinkRecipient, type SendLinkContext } from './send-link.ts';

const NOW = '2026-03-02T09:00:00.000Z';
const PERSON = '00000000-0000-4000-8000-00000000a001';
const jane: LinkRecipient = { id: PERSON, name: 'Jane Smith', email: 'jane@example.com', status: 'active' };
const ctx: SendLinkContext = { now: NOW, actor: 'user:1', link_id: 'link-2', mail_status: 'queued' };
const working: PortalLinkRecord = {
  id: 'link-1',
  participant_id: PERSON,
  created_at: '2026-03-01T09:00:00.000Z',
  created_by: 'user:1',
  expires_at: '2026-03-31T09:00:00.000Z',
  revoked_at: null,
  last_opened_at: null,
};

describe('one person of a bulk send of the portal link', () => {
  it('makes exactly the link the single Send link makes, and says to whom it goes', () => {
    const { issue, item } = decideSendLinkItem({ participant: jane, current: null }, { expires_in_days: 7 }, ctx);
    expect(issue).toEqual(issuePortalLink(null, { id: 'link-2', participant_id: PERSON, days: 7 }, ctx));
    expect(item).toEqual({
      participant_id: PERSON,
      name: 'Jane Smith',
      outcome: 'applied',
      summary: 'Emails a new portal link to jane@example.com, working 7 days',
      reason: null,
      code: null,
      field: null,
    });
  });

  it('rotates a link still working, as the single Send link does, and says so', () => {
    const { issue, item } = decideSendLinkItem({ participant: jane, current: working }, {}, ctx);
    expect(issue?.revoke).toEqual({ id: 'link-1', revoked_at: NOW });
    expect(issue?.link.expires_at).toBe('2026-04-01T09:00:00.000Z'); // the single link's default: 30 days
    expect(item.summary).toBe(
      'Emails a new portal link to jane@example.com, working 30 days; the link they had stops working',
    );
  });

  it('says the message is kept in the outbox, not sent, when mail is not set up', () => {
    const { item } = decideSendLinkItem(
      { participant: jane, current: null },
      { expires_in_days: 1 },
      { ...ctx, mail_status: 'not_sent' },
    );
    expect(item.summary).toBe(
      'Makes a new portal link, working 1 day; its email to jane@example.com is kept in the outbox, not sent (mail is not set up)',
    );
  });

  it('refuses someone with no address, on the email field', () => {
    const { issue, item } = decideSendLinkItem({ participant: { ...jane, email: ' ' }, current: null }, {}, ctx);
    expect(issue).toBeNull();
    expect(item).toMatchObject({
      outcome: 'refused',
      code: 'BAD_REQUEST',
      field: 'email',
      reason: 'Jane Smith has no email address to send the link to',
      summary: null,
    });
  });

  it.each(['completed', 'rejected', 'withdrawn'])('refuses someone whose evaluation has ended (%s)', (status) => {
    const { issue, item } = decideSendLinkItem({ participant: { ...jane, status }, current: working }, {}, ctx);
    expect(issue).toBeNull();
    expect(item).toMatchObject({
      outcome: 'refused',
      code: 'CONFLICT',
      field: null,
      reason: `Jane Smith's evaluation has ended (${status}): there is nothing left for them to do in the portal`,
    });
  });
});

describe('BulkActionInput for send_portal_link', () => {
  const who = { dry_run: true, participant_ids: [PERSON] };
  const issues = (input: unknown) => {
    const parsed = BulkActionInput.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  it('takes expires_in_days as the single link does, defaulting to the same 30 days', () => {
    expect(bulkRequestOf(BulkActionInput.parse({ ...who, action: 'send_portal_link' }))).toEqual({
      action: 'send_portal_link',
      expires_in_days: 30,
    });
    expect(issues({ ...who, action: 'send_portal_link', expires_in_days: 91 })[0]?.[0]).toBe('expires_in_days');
    expect(issues({ ...who, action: 'send_portal_link', note: 'hi' })).toEqual([
      ['note', 'send_portal_link takes no note'],
    ]);
  });

  it('refuses expires_in_days with another action', () => {
    expect(issues({ ...who, action: 'advance', expires_in_days: 5 })).toEqual([
      ['expires_in_days', 'only the send_portal_link action takes expires_in_days'],
    ]);
  });
});
