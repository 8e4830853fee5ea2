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
