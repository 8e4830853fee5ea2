import { type MailContent, renderMail } from './render.ts';

/** One open decision as the digest lists it: whose, where, and since when. Never a suggestion or a score. */
export interface DigestDecision {
  readonly participant_name: string;
  readonly template_name: string;
  readonly stage_name: string;
  readonly opened_at: string;
}

export interface ReviewDigestFacts {
  readonly member_name: string;
  readonly workspace_name: string;
  /** The oldest open decisions, oldest first (at most DIGEST_MAX_ITEMS of them). */
  readonly decisions: readonly DigestDecision[];
  /** How many are open in all. */
  readonly total: number;
  /** The decisions inbox and the member's settings, as full addresses. */
  readonly inbox_url: string;
  readonly settings_url: string;
  readonly now: string;
}

/** How many decisions the digest names; the rest it counts. */
export const DIGEST_MAX_ITEMS = 25;

const DAY_MS = 86_400_000;

const waiting = (openedAt: string, now: string) => {
  const days = Math.floor((Date.parse(now) - Date.parse(openedAt)) / DAY_MS);
  if (days < 1) return 'waiting since today';
  return days === 1 ? 'waiting 1 day' : `waiting ${days} days`;
};

const decisions = (n: number) => (n === 1 ? '1 open decision' : `${n} open decisions`);

/**
 * The daily email of open decisions for a reviewer who turned it on (docs/mail.md#the-review-digest):
 * oldest first, so what has waited longest is read first. Staff mail is in English.
 */
export function reviewDigestMail(facts: ReviewDigestFacts): MailContent {
  const shown = facts.decisions.slice(0, DIGEST_MAX_ITEMS);
  const more = facts.total - shown.length;
  return renderMail('en', `${decisions(facts.total)} in ${facts.workspace_name}`, [
    { kind: 'paragraph', text: `Hello ${facts.member_name},` },
    {
      kind: 'paragraph',
      text: `${facts.total === 1 ? 'This decision is' : `These ${facts.total} decisions are`} waiting for a reviewer in ${facts.workspace_name}, the longest waiting first:`,
    },
    {
      kind: 'list',
      items: [
        ...shown.map(
          (d) => `${d.participant_name}: ${d.stage_name} in ${d.template_name}, ${waiting(d.opened_at, facts.now)}`,
        ),
        ...(more > 0 ? [`and ${more} more`] : []),
      ],
    },
    {
      kind: 'action',
      label: 'Open the decisions inbox',
      url: facts.inbox_url,
      copyHint: 'If the button does not work, copy this address into your browser:',
    },
    {
      kind: 'small',
      text: `You get this email once a day while decisions are open, because you turned on the daily digest. To stop it, turn it off in Settings → Notifications: ${facts.settings_url}`,
    },
  ]);
}
