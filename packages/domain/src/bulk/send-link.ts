import { badInput, conflict, type DomainError } from '../errors.ts';
import { issuePortalLink, type PortalLinkIssue, type PortalLinkRecord } from '../portal-links.ts';
import { DEFAULT_PORTAL_LINK_DAYS } from '../schemas/portal-link.ts';
import { refusedItem } from './decide.ts';
import type { BulkActionItem } from './entities.ts';
import type { BulkActionRequest } from './input.ts';

/** Who a bulk send of the portal link is about, as the link's own command loads them. */
export interface LinkRecipient {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: string;
}

/** What the send stands on: the person, their newest link, the clock and whether mail is set up. */
export interface SendLinkFacts {
  readonly participant: LinkRecipient;
  readonly current: PortalLinkRecord | null;
}

export interface SendLinkContext {
  readonly now: string;
  readonly actor: string;
  /** The new link's id (a preview's is never stored). */
  readonly link_id: string;
  /** `queued`: the server sends it; `not_sent`: mail is not set up, the message is kept in the outbox. */
  readonly mail_status: 'queued' | 'not_sent';
  /** Applying: the bulk action's id, carried by the link's events as a participant command's are. */
  readonly bulk_action_id?: string;
}

/**
 * Why a person gets no portal link from a bulk send (docs/rules.md#bulk-actions), or null. Beside what the
 * single Send link needs (an address to send to), a bulk send skips anyone whose evaluation has ended: the
 * portal still opens for them, but only to say it has ended (and show the results the team allows), so a
 * mailing to a whole selection is not for them; their own page's Send link still sends one on purpose.
 */
export function sendLinkRefusal(who: LinkRecipient): DomainError | null {
  if (who.email.trim() === '') return badInput(['email'], `${who.name} has no email address to send the link to`);
  if (who.status !== 'active') {
    return conflict(
      `${who.name}'s evaluation has ended (${who.status}): there is nothing left for them to do in the portal`,
    );
  }
  return null;
}

/** What sending does, in plain staff words: to whom, how long it works, the link it replaces, and where it waits. */
function sendLinkWords(to: string, days: number, issue: PortalLinkIssue, mailStatus: SendLinkContext['mail_status']) {
  const replaces = issue.revoke ? '; the link they had stops working' : '';
  const working = `working ${days} ${days === 1 ? 'day' : 'days'}`;
  return mailStatus === 'queued'
    ? `Emails a new portal link to ${to}, ${working}${replaces}`
    : `Makes a new portal link, ${working}${replaces}; its email to ${to} is kept in the outbox, not sent (mail is not set up)`;
}

/** One person of a bulk send: refused with its reason, or the link `issuePortalLink` makes and their line. */
export interface SendLinkDecision {
  readonly issue: PortalLinkIssue | null;
  readonly item: BulkActionItem;
}

/**
 * One person of a bulk "send the portal link": the refusal's words, or the new link exactly as the single
 * Send link makes it (`issuePortalLink`: one working link at most, the earlier one revoked). A preview calls
 * this and stores nothing; applying calls the same inside the person's transaction and stores the link.
 */
export function decideSendLinkItem(
  facts: SendLinkFacts,
  request: Pick<BulkActionRequest, 'expires_in_days'>,
  ctx: SendLinkContext,
): SendLinkDecision {
  const { participant, current } = facts;
  const refusal = sendLinkRefusal(participant);
  if (refusal) return { issue: null, item: refusedItem(participant.id, participant.name, refusal) };
  const days = request.expires_in_days ?? DEFAULT_PORTAL_LINK_DAYS;
  const issued = issuePortalLink(current, { id: ctx.link_id, participant_id: participant.id, days }, ctx);
  const { bulk_action_id } = ctx;
  const issue = bulk_action_id ? { ...issued, events: issued.events.map((e) => ({ ...e, bulk_action_id })) } : issued;
  return {
    issue,
    item: {
      participant_id: participant.id,
      name: participant.name,
      outcome: 'applied',
      summary: sendLinkWords(participant.email, days, issue, ctx.mail_status),
      reason: null,
      code: null,
      field: null,
    },
  };
}
