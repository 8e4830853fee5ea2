import { z } from 'zod';
import { Text, Uuid } from '../schemas/common.ts';
import { ParticipantCursorText } from './cursor.ts';
import { ParticipantStatus, SessionStatus } from './entities.ts';

/** Page sizes are capped so that no request can ask the server for an unbounded answer. */
const Limit = (fallback: number, max: number) => z.int().min(1).max(max).default(fallback);

/** A name or email search: part of either, case-insensitive (docs/surfaces.md#lists-search-and-filters). */
const Search = Text.trim().max(200);

export const ListParticipantsInput = z
  .strictObject({
    evaluation_template_id: Uuid.optional(),
    stage_id: Uuid.optional(),
    status: ParticipantStatus.optional(),
    search: Search.optional(),
    limit: Limit(50, 200),
    /** The previous page's `next_cursor`; one that was not given out by this list is refused. */
    cursor: ParticipantCursorText.optional(),
    /** Sent by tRPC's `useInfiniteQuery` with every page; pages only go forward, so the server ignores it. */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .prefault({});
export type ListParticipantsInput = z.input<typeof ListParticipantsInput>;

/** The list's filters, everything but paging: what an export or a bulk action selects by. */
export const ParticipantListFilter = z.strictObject({
  evaluation_template_id: Uuid.optional(),
  stage_id: Uuid.optional(),
  status: ParticipantStatus.optional(),
  search: Search.optional(),
});
export type ParticipantListFilter = z.output<typeof ParticipantListFilter>;

/** The list's filters for a CSV export (docs/rules.md#csv-export). */
export const ExportParticipantsInput = ParticipantListFilter.prefault({});
export type ExportParticipantsInput = z.input<typeof ExportParticipantsInput>;
export type ExportParticipantsFilter = z.output<typeof ExportParticipantsInput>;

export const ParticipantBoardInput = z.strictObject({
  evaluation_template_id: Uuid,
  per_column: Limit(50, 200),
  /** Only the people whose name or email matches; the columns' counts are of those too. */
  search: Search.optional(),
});

/** How many people one bulk request may enroll: they go in one transaction. */
export const MAX_PARTICIPANTS_PER_REQUEST = 500;

/** Up to MAX_PARTICIPANTS_PER_REQUEST people; each item is checked on its own, so one bad row skips only itself. */
export const BulkCreateParticipantsInput = z.strictObject({
  evaluation_template_id: Uuid,
  participants: z
    .array(z.record(Text, z.unknown()))
    .min(1)
    .max(MAX_PARTICIPANTS_PER_REQUEST, `at most ${MAX_PARTICIPANTS_PER_REQUEST} participants per request`),
  /** Email each person enrolled their portal link, in the same transaction (docs/mail.md#the-portal-link). */
  send_portal_link: z.boolean().default(false),
});
export type BulkCreateParticipantsInput = z.input<typeof BulkCreateParticipantsInput>;

/**
 * Which of these emails are already in the template: what a bulk import's preview asks before
 * anything is sent (docs/rules.md#enrolment). As many as one bulk request may enrol.
 */
export const AlreadyEnrolledInput = z.strictObject({
  evaluation_template_id: Uuid,
  emails: z.array(Text.trim().toLowerCase().max(254)).min(1).max(MAX_PARTICIPANTS_PER_REQUEST),
});

export const ListSessionsInput = z
  .strictObject({
    participant_id: Uuid.optional(),
    stage_id: Uuid.optional(),
    status: SessionStatus.optional(),
    limit: Limit(50, 200),
  })
  .prefault({});

export const ListDecisionsInput = z
  .strictObject({
    status: z.enum(['open', 'decided']).default('open'),
    evaluation_template_id: Uuid.optional(),
    /** Only decisions about people whose name or email matches. */
    search: Search.optional(),
    limit: Limit(100, 500),
  })
  .prefault({});

/** The sessions waiting for a reviewer's score, oldest first (docs/rules.md#when-the-interviewer-cannot-score). */
export const ListAwaitingScoreInput = z
  .strictObject({
    evaluation_template_id: Uuid.optional(),
    limit: Limit(100, 500),
  })
  .prefault({});
export type ListAwaitingScoreInput = z.input<typeof ListAwaitingScoreInput>;

export const ListEventsInput = z
  .strictObject({
    participant_id: Uuid.optional(),
    evaluation_template_id: Uuid.optional(),
    limit: Limit(50, 500),
    /** Continue below this sequence number (the previous page's `next_before_seq`). */
    before_seq: z.int().min(1).optional(),
  })
  .prefault({});

/**
 * A participant's timeline, newest first, a page at a time (docs/surfaces.md#participant-page): the page
 * itself carries no events.
 */
export const ParticipantTimelineInput = z.strictObject({
  id: Uuid,
  limit: Limit(20, 100),
  /** Continue below this sequence number (the previous page's `next_cursor`). */
  cursor: z.int().min(1).optional(),
  /** Sent by tRPC's `useInfiniteQuery` with every page; pages only go back in time, so the server ignores it. */
  direction: z.enum(['forward', 'backward']).optional(),
});
export type ParticipantTimelineInput = z.input<typeof ParticipantTimelineInput>;
