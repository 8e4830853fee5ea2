import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { Uuid } from '../schemas/common.ts';
import { decisionAllows } from './available-actions.ts';
import type { DecideContext } from './commands.ts';
import { SYSTEM } from './emit.ts';
import { activePosition, advanceNeedsNote, newAttemptRefusal } from './guards.ts';
import { attemptsAllowed, nextStageFor, openSessionsAt, retakeCooldown } from './lookups.ts';
import type { ParticipantState } from './state.ts';

/**
 * What the rules say about a participant at their current stage, answered once here so that the API
 * and the dashboard read it instead of working it out again (docs/rules.md#a-participants-outlook).
 */
export const ParticipantOutlook = z.object({
  /** The stage they are in. */
  stage_id: Uuid,
  /** Completed attempts at the stage; failed and cancelled sessions use none. */
  attempts_used: z.int().min(0),
  /** The stage's max_attempts when they entered it, plus the retakes reviewers granted. */
  attempts_allowed: z.int().min(1),
  /**
   * Where advancing takes them: the first active stage after this one, in today's order, that they
   * have not been in yet. `null`: advancing completes the pipeline.
   */
  next_stage: z.object({ id: Uuid, name: z.string() }).nullable(),
  /** Another attempt at this stage is allowed after one already made (perhaps only once the cool-down ends). */
  can_retake: z.boolean(),
  /** While the retake cool-down after their last completed attempt runs, when it ends; otherwise `null`. */
  cooldown_ends_at: z.iso.datetime().nullable(),
  /** A new session can be booked: for now, or from `cooldown_ends_at` while a cool-down runs. */
  can_schedule: z.boolean(),
  /** A new session can be booked for right now. */
  can_schedule_now: z.boolean(),
  /** The session scheduled at this stage can be moved (to `cooldown_ends_at` or later while a cool-down runs). */
  can_reschedule: z.boolean(),
  /** Advancing them by hand needs a note saying why: they have not passed this stage. */
  advance_needs_note: z.boolean(),
});
export type ParticipantOutlook = z.infer<typeof ParticipantOutlook>;

/** Commands are only tried, never stored: the id a new session would get does not matter. */
const previewContext = (now: string): DecideContext => ({
  now,
  newId: () => '00000000-0000-4000-8000-000000000000',
  actor: SYSTEM,
});

/**
 * The participant's outlook at `now`, or `null` when they are in no stage the rules act on (not
 * enrolled, or completed, rejected or withdrawn). Pure and cheap: it reads only the loaded state, and
 * whatever the decider rules on (booking, moving a session) is asked of the decider itself.
 */
export function participantOutlook(state: ParticipantState, now: string): ParticipantOutlook | null {
  const pos = activePosition(state);
  if (pos instanceof DomainError) return null;
  const cooldown = retakeCooldown(state, pos.progress);
  const cooldownEndsAt = cooldown && Date.parse(cooldown.endsAt) > Date.parse(now) ? cooldown.endsAt : null;
  // The earliest time the decider could accept an attempt for.
  const earliest = cooldownEndsAt ?? now;
  const allows = decisionAllows(state, previewContext(now));
  const participant_id = pos.participant.id;
  const scheduled = openSessionsAt(state, pos.stage.id).find((s) => s.status === 'scheduled');
  const { next } = nextStageFor(state, pos.stage);
  return {
    stage_id: pos.stage.id,
    attempts_used: pos.progress.attempts_used,
    attempts_allowed: attemptsAllowed(pos.progress),
    next_stage: next && { id: next.id, name: next.stage_name },
    can_retake: pos.progress.attempts_used > 0 && newAttemptRefusal(state, pos, true) === undefined,
    cooldown_ends_at: cooldownEndsAt,
    can_schedule: allows({ type: 'schedule', participant_id, scheduled_at: earliest, timezone: 'UTC', force: false }),
    can_schedule_now: allows({ type: 'schedule', participant_id, timezone: 'UTC', force: false }),
    can_reschedule:
      scheduled !== undefined && allows({ type: 'reschedule', session_id: scheduled.id, scheduled_at: earliest }),
    advance_needs_note: advanceNeedsNote(state, pos),
  };
}
