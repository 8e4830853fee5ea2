import type { BulkActionCounts, BulkActionItem, BulkActionKind } from '@stageflow/domain';
import { plural } from '../../lib/format.ts';

interface ActionWords {
  /** The choice in the form. */
  label: string;
  help: string;
  /** The apply button: "Advance 3". */
  apply: (n: number) => string;
  /** "3 advanced", "3 will be advanced". */
  done: string;
}

export const ACTION_WORDS: Record<BulkActionKind, ActionWords> = {
  advance: {
    label: 'Advance',
    help: 'To their next stage, or to the end of the evaluation. Anyone who has not passed their stage needs a note.',
    apply: (n) => `Advance ${plural(n, 'person', 'people')}`,
    done: 'advanced',
  },
  reject: {
    label: 'Reject',
    help: 'They leave the evaluation with the negative recommendation. This cannot be undone.',
    apply: (n) => `Reject ${plural(n, 'person', 'people')}`,
    done: 'rejected',
  },
  withdraw: {
    label: 'Withdraw',
    help: 'For people who leave of their own accord. This cannot be undone.',
    apply: (n) => `Withdraw ${plural(n, 'person', 'people')}`,
    done: 'withdrawn',
  },
  tag: {
    label: 'Tag',
    help: 'Add tags to them, or take tags off. Their other tags stay.',
    apply: (n) => `Tag ${plural(n, 'person', 'people')}`,
    done: 'tagged',
  },
  schedule: {
    label: 'Schedule a session',
    help: 'A session at each person’s current stage, at the same time.',
    apply: (n) => `Book ${plural(n, 'session')}`,
    done: 'booked',
  },
  send_portal_link: {
    label: 'Send portal link',
    help: 'Emails each person a new private link to their portal, as Send link on their page does; a link they had stops working. Not for anyone whose evaluation has ended.',
    apply: (n) => `Send ${plural(n, 'link')}`,
    done: 'sent a link',
  },
};

export const ACTIONS = Object.keys(ACTION_WORDS) as BulkActionKind[];

/** What a line's outcome reads as: before it happens (a preview) or after. */
export function outcomeWords(outcome: BulkActionItem['outcome'], preview: boolean): string {
  switch (outcome) {
    case 'applied':
      return preview ? 'Will happen' : 'Done';
    case 'unchanged':
      return 'No change';
    case 'refused':
      return preview ? 'Refused' : 'Not done';
    case 'pending':
      return 'Waiting';
  }
}

/** "3 will be advanced, 1 refused." / "3 advanced, 1 not done, 2 waiting." */
export function countsSentence(action: BulkActionKind, counts: BulkActionCounts, preview: boolean): string {
  const done = ACTION_WORDS[action].done;
  const parts = [
    counts.applied > 0 && `${counts.applied} ${preview ? `will be ${done}` : done}`,
    counts.unchanged > 0 && `${counts.unchanged} ${preview ? 'need no change' : 'needed no change'}`,
    counts.refused > 0 && `${counts.refused} ${preview ? 'refused' : 'not done'}`,
    counts.pending > 0 && `${counts.pending} waiting`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length ? `${parts.join(', ')}.` : 'Nobody.';
}

/**
 * Where a refusal could be fixed in the form: the server names the field (`note` when someone has not
 * passed). Nothing when it cannot (a terminal participant, a decision awaited).
 */
export function fixHint(items: readonly BulkActionItem[], action: BulkActionKind): string | null {
  const needNote = items.filter((i) => i.outcome === 'refused' && i.field === 'note').length;
  if (needNote === 0 || action !== 'advance') return null;
  return `${plural(needNote, 'person has', 'people have')} not passed their stage: go back and add a note to advance them anyway.`;
}

/**
 * What to say when links were to be emailed and mail is not set up: the messages are kept in the outbox,
 * not sent (docs/mail.md#statuses). Null for other actions, with mail set up, or while it is not known.
 */
export function linksNotSentWords(action: BulkActionKind, mailSetUp: boolean | undefined, preview: boolean) {
  if (action !== 'send_portal_link' || mailSetUp !== false) return null;
  return preview
    ? 'Mail is not set up: the links will not be sent. Each message will wait in Developer → Mail, where an owner can read and copy the link.'
    : 'Mail is not set up: the links were not sent. Each message waits in Developer → Mail, where an owner can read and copy the link.';
}
