import { z } from 'zod';
import { optionalText, Text, TimeZone, Uuid } from '../schemas/common.ts';
import { scorecardFields, scorecardShapeIssue } from './scorecard.ts';

/** A caller's `Idempotency-Key` (docs/surfaces.md#idempotency). */
export const IdempotencyKey = Text.trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
const SessionNotes = optionalText(4000);
const EndReason = optionalText(2000);

export const ScheduleSessionInput = z.strictObject({
  participant_id: Uuid,
  /** Defaults to the participant's current stage; any other stage is refused. */
  stage_id: Uuid.optional(),
  /** Defaults to now. */
  scheduled_at: z.iso.datetime().optional(),
  timezone: TimeZone.default('UTC'),
  notes: SessionNotes,
  /** A reused key returns the existing session instead of scheduling another. */
  idempotency_key: IdempotencyKey.optional(),
  /** Schedule even though another session is open at the stage; that one is cancelled as superseded. */
  force: z.boolean().default(false),
});
export type ScheduleSessionInput = z.input<typeof ScheduleSessionInput>;

export const RescheduleSessionInput = z.strictObject({
  session_id: Uuid,
  scheduled_at: z.iso.datetime(),
  timezone: TimeZone.optional(),
  notes: SessionNotes,
});
export type RescheduleSessionInput = z.input<typeof RescheduleSessionInput>;

export const StartSessionInput = z.strictObject({ session_id: Uuid });
export type StartSessionInput = z.input<typeof StartSessionInput>;

const withScorecardShape = (s: { dimension_scores?: unknown; overall_score?: unknown }, ctx: z.RefinementCtx) => {
  const issue = scorecardShapeIssue(s);
  if (issue) ctx.addIssue({ code: 'custom', ...issue });
};

export const CompleteSessionInput = z
  .strictObject({ session_id: Uuid, ...scorecardFields })
  .superRefine(withScorecardShape);
export type CompleteSessionInput = z.input<typeof CompleteSessionInput>;

/** A technical failure: the session ends without using an attempt. */
export const FailSessionInput = z.strictObject({ session_id: Uuid, reason: EndReason });
export type FailSessionInput = z.input<typeof FailSessionInput>;

export const CancelSessionInput = z.strictObject({ session_id: Uuid, reason: EndReason });
export type CancelSessionInput = z.input<typeof CancelSessionInput>;

/**
 * A result recorded in one step (a reviewer's scorecard, or an interview result typed into the dashboard):
 * completes the session open at the stage, or creates and completes one.
 */
export const RecordResultInput = z
  .strictObject({
    participant_id: Uuid,
    /** Defaults to the participant's current stage; any other stage is refused. */
    stage_id: Uuid.optional(),
    ...scorecardFields,
  })
  .superRefine(withScorecardShape);
export type RecordResultInput = z.input<typeof RecordResultInput>;
