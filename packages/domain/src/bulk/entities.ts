import { z } from 'zod';
import { Uuid } from '../schemas/common.ts';
import { BulkActionKind, BulkScheduleInput, BulkSelectionFilter, BulkTagsInput } from './input.ts';

/**
 * What happened (or, in a preview, would happen) to one person: `applied` (the command's events were
 * stored), `unchanged` (accepted, nothing to change), `refused` (the command's refusal, with its words),
 * or `pending` (not reached yet while the action runs).
 */
export const BulkItemOutcome = z.enum(['pending', 'applied', 'unchanged', 'refused']);
export type BulkItemOutcome = z.infer<typeof BulkItemOutcome>;

/** One person in a bulk action, in the order they were named or matched. */
export const BulkActionItem = z.object({
  participant_id: Uuid,
  /** Null only for an id that names nobody in the workspace. */
  name: z.string().nullable(),
  outcome: BulkItemOutcome,
  /** What the command does, in plain words ("Moves to Technical interview"); null when refused or pending. */
  summary: z.string().nullable(),
  /** Why it was refused: the single command's own words. */
  reason: z.string().nullable(),
  /** The refusal's code (`CONFLICT`, `BAD_REQUEST`…) and, when a field would fix it, that field (`note`). */
  code: z.string().nullable(),
  field: z.string().nullable(),
});
export type BulkActionItem = z.infer<typeof BulkActionItem>;

export const BulkActionStatus = z.enum(['preview', 'running', 'completed']);
export type BulkActionStatus = z.infer<typeof BulkActionStatus>;

export const BulkActionCounts = z.object({
  pending: z.number(),
  applied: z.number(),
  unchanged: z.number(),
  refused: z.number(),
});
export type BulkActionCounts = z.infer<typeof BulkActionCounts>;

/**
 * A bulk action as answered and as `GET` reads it. A preview (`dry_run`) is not stored: it has no id and
 * its status is `preview`. An applied one runs person by person: `processed` of `total` while `running`.
 */
export const BulkAction = z.object({
  id: Uuid.nullable(),
  dry_run: z.boolean(),
  action: BulkActionKind,
  status: BulkActionStatus,
  note: z.string().nullable(),
  tags: BulkTagsInput.nullable(),
  schedule: BulkScheduleInput.nullable(),
  /** Send the portal link: how long each new link works; null for the other actions. */
  expires_in_days: z.number().nullable(),
  /** The selection as sent, when it was a filter. */
  filter: BulkSelectionFilter.nullable(),
  total: z.number(),
  processed: z.number(),
  counts: BulkActionCounts,
  created_by: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  items: z.array(BulkActionItem),
});
export type BulkAction = z.infer<typeof BulkAction>;

export const bulkCounts = (items: readonly Pick<BulkActionItem, 'outcome'>[]): BulkActionCounts => {
  const counts = { pending: 0, applied: 0, unchanged: 0, refused: 0 };
  for (const item of items) counts[item.outcome] += 1;
  return counts;
};
