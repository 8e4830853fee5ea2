import { z } from 'zod';
import { ParticipantTags } from '../progression/participant-input.ts';
import { ParticipantListFilter } from '../progression/query-input.ts';
import { IdempotencyKey } from '../progression/session-input.ts';
import { optionalText, TimeZone, Uuid } from '../schemas/common.ts';
import { DEFAULT_PORTAL_LINK_DAYS, PortalLinkDays } from '../schemas/portal-link.ts';

/** How many people one bulk action may name or match (docs/rules.md#bulk-actions). */
export const MAX_BULK_PARTICIPANTS = 1000;

/**
 * What a bulk action does to each person: the participant commands a person may send one at a time,
 * and emailing each a new portal link as the single Send link does (docs/rules.md#bulk-actions).
 */
export const BulkActionKind = z.enum(['advance', 'reject', 'withdraw', 'tag', 'schedule', 'send_portal_link']);
export type BulkActionKind = z.infer<typeof BulkActionKind>;

/** The actions that move someone by hand, and take the same note the single move takes. */
const MOVES: ReadonlySet<BulkActionKind> = new Set(['advance', 'reject', 'withdraw']);

/** Tags to add to and take off each person; their other tags stay. */
export const BulkTagsInput = z.strictObject({
  add: ParticipantTags.default([]),
  remove: ParticipantTags.default([]),
});

/** A session for each person at their current stage, as `sessions.schedule` books one (never `force`). */
export const BulkScheduleInput = z.strictObject({
  /** Defaults to now. */
  scheduled_at: z.iso.datetime().optional(),
  timezone: TimeZone.default('UTC'),
  notes: optionalText(4000),
});

const limitWords = MAX_BULK_PARTICIPANTS.toLocaleString('en');

/** The participant list's filters (docs/surfaces.md#lists-search-and-filters): everyone they match, up to the limit. */
export const BulkSelectionFilter = ParticipantListFilter;

/**
 * A bulk action: who (`participant_ids`, or everyone the list's `filter` matches), what, and whether
 * to only preview it (`dry_run: true`) or apply it. Each parameter belongs to one action, and one
 * sent with another action is refused rather than ignored, so nothing the caller meant is dropped.
 */
export const BulkActionInput = z
  .strictObject({
    action: BulkActionKind,
    dry_run: z.boolean(),
    participant_ids: z
      .array(Uuid)
      .min(1, 'name at least one participant')
      .max(MAX_BULK_PARTICIPANTS, `at most ${limitWords} participants per bulk action`)
      .optional(),
    filter: BulkSelectionFilter.optional(),
    /** Advance, reject, withdraw: the same note the single move takes, and required where it requires one. */
    note: optionalText(4000),
    tags: BulkTagsInput.optional(),
    schedule: BulkScheduleInput.optional(),
    /** Send the portal link: how long each new link works, as the single Send link takes it (default 30 days). */
    expires_in_days: PortalLinkDays.optional(),
    /** Applying with the same key again answers the bulk action it started (docs/surfaces.md#idempotency). */
    idempotency_key: IdempotencyKey.optional(),
  })
  .superRefine((input, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (input.participant_ids === undefined && input.filter === undefined) {
      issue('participant_ids', 'say who: give participant_ids, or a filter');
    }
    if (input.participant_ids !== undefined && input.filter !== undefined) {
      issue('filter', 'give participant_ids or a filter, not both');
    }
    if (input.note && !MOVES.has(input.action)) {
      issue('note', `${input.action} takes no note${input.action === 'schedule' ? ' (use schedule.notes)' : ''}`);
    }
    if (input.action === 'tag') {
      const add = input.tags?.add ?? [];
      const remove = input.tags?.remove ?? [];
      if (add.length + remove.length === 0) issue('tags', 'say which tags to add or remove');
      const both = add.find((t) => remove.includes(t));
      if (both !== undefined) issue('tags', `"${both}" cannot be added and removed at once`);
    } else if (input.tags !== undefined) {
      issue('tags', 'only the tag action takes tags');
    }
    if (input.action !== 'schedule' && input.schedule !== undefined) {
      issue('schedule', 'only the schedule action takes schedule');
    }
    if (input.action !== 'send_portal_link' && input.expires_in_days !== undefined) {
      issue('expires_in_days', 'only the send_portal_link action takes expires_in_days');
    }
  });
export type BulkActionInput = z.input<typeof BulkActionInput>;

/** What each person's command is made from: the action and its parameters, without who or how. */
export type BulkActionRequest = Pick<
  z.output<typeof BulkActionInput>,
  'action' | 'note' | 'tags' | 'schedule' | 'expires_in_days'
>;

/** The parameters of a parsed bulk action, as stored with it and as each person's command reads them. */
export const bulkRequestOf = (input: z.output<typeof BulkActionInput>): BulkActionRequest => ({
  action: input.action,
  ...(input.note !== undefined && { note: input.note }),
  ...(input.tags !== undefined && { tags: input.tags }),
  ...(input.schedule !== undefined && { schedule: input.schedule }),
  ...(input.action === 'send_portal_link' && { expires_in_days: input.expires_in_days ?? DEFAULT_PORTAL_LINK_DAYS }),
});
