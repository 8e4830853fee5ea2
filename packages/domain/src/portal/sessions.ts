import { z } from 'zod';
import { badInput, conflict, DomainError, notFound, participantConflict } from '../errors.ts';
import type { DecideContext } from '../progression/commands.ts';
import { decideParticipant } from '../progression/decide.ts';
import { emitter } from '../progression/emit.ts';
import { SessionStatus } from '../progression/entities.ts';
import type { ParticipantEvent } from '../progression/events.ts';
import { evolveParticipant } from '../progression/evolve.ts';
import { activePosition, type Position } from '../progression/guards.ts';
import { participantOutlook } from '../progression/outlook.ts';
import type { ParticipantState } from '../progression/state.ts';
import { TimeZone } from '../schemas/common.ts';
import { AI_RUN_STAGE_TYPES, type StageType } from '../schemas/stage.ts';
import type { PortalCopy } from './copy/en.ts';
import { refusal } from './copy/refusal.ts';

/**
 * Sessions a participant starts or books in their portal (docs/rules.md#sessions-a-participant-starts).
 * They run through the same schedule and start commands staff use, so attempts, the cool-down and
 * "one open session" hold as they do for staff; this file adds only who may start which stage.
 */

/** Whether a participant may start a stage of this type themselves. */
export type PortalStartRule = 'allowed' | 'needs_consent' | 'team_run';

/**
 * - a written assessment (`async_assessment`) is the participant's to take;
 * - an AI-run stage (`ai_interview`, `roleplay_simulation`, `practice_session`) only once they have
 *   accepted its notice (`consented`);
 * - a review (`manual_review`, `final_review`) is the team's: a reviewer records it.
 */
export function portalStartRule(stageType: StageType, consented: boolean): PortalStartRule {
  if (stageType === 'manual_review' || stageType === 'final_review') return 'team_run';
  if (AI_RUN_STAGE_TYPES.includes(stageType)) return consented ? 'allowed' : 'needs_consent';
  return 'allowed';
}

/**
 * Why the participant may not start their current stage themselves, or undefined when they may. An AI-run
 * stage whose notice they declined is run by a person (docs/rules.md#consent-to-an-ai-run-stage).
 */
function portalStartRefusal(pos: Position): 'needs_consent' | 'team_run' | 'declined' | undefined {
  const consent = pos.progress.consent;
  const rule = portalStartRule(pos.stage.stage_type, consent === 'accepted');
  if (rule === 'allowed') return undefined;
  return rule === 'needs_consent' && consent === 'declined' ? 'declined' : rule;
}

/** What a participant asks for: a session now (no `scheduled_at`) or at a time, in an IANA time zone. */
export const PortalStartInput = z.object({
  at: z.iso.datetime({ offset: true }).optional(),
  timezone: TimeZone.default('UTC'),
});
export type PortalStartInput = z.infer<typeof PortalStartInput>;

/**
 * The participant starts their current stage's session now (schedule, then start) or books it for
 * `at` (schedule). An AI-run stage needs their accepted notice, read from their progress there.
 */
export function decidePortalStart(
  state: ParticipantState,
  input: PortalStartInput,
  ctx: DecideContext,
): { events: ParticipantEvent[]; session_id: string } | DomainError {
  const pos = activePosition(state);
  if (pos instanceof DomainError) return pos;
  const why = portalStartRefusal(pos);
  if (why) return participantConflict(refusal('cannotStart', pos.stage.stage_name, why));
  const at = input.at === undefined ? undefined : new Date(input.at).toISOString();
  // Staff may record a session that already took place; a participant books one ahead.
  if (at !== undefined && Date.parse(at) < Date.parse(ctx.now)) return badInput(['at'], 'must be now or later');
  const scheduled = decideParticipant(
    state,
    {
      type: 'schedule',
      participant_id: pos.participant.id,
      timezone: input.timezone,
      force: false,
      ...(at === undefined ? {} : { scheduled_at: at }),
    },
    ctx,
  );
  if (scheduled instanceof DomainError) return scheduled;
  const booked = scheduled.find((e) => e.type === 'session_scheduled');
  if (booked?.type !== 'session_scheduled') return conflict('no session was scheduled');
  const session_id = booked.data.session.id;
  if (at !== undefined) return { events: scheduled, session_id };
  const after = scheduled.reduce(evolveParticipant, state);
  const started = decideParticipant(after, { type: 'start', session_id }, ctx);
  if (started instanceof DomainError) return started;
  return { events: [...scheduled, ...started], session_id };
}

/**
 * The participant says they are done with their in-progress session. Without a scorer nothing is
 * scored here: the session stays in progress until a reviewer records the result, and the event tells
 * them it is ready.
 */
export function decidePortalFinish(
  state: ParticipantState,
  sessionId: string,
  ctx: DecideContext,
  /** What ended the session's interview, when it had one (docs/rules.md#the-interview). */
  endedBy?: 'participant' | 'interviewer' | 'time',
): ParticipantEvent[] | DomainError {
  const pos = activePosition(state);
  if (pos instanceof DomainError) return pos;
  const session = state.sessions.find((s) => s.id === sessionId && s.participant_id === pos.participant.id);
  if (!session) return portalSessionNotFound(sessionId);
  if (session.status !== 'in_progress') return participantConflict(refusal('notUnderWay', session.status));
  // A written assessment with questions ends with its answers (docs/rules.md#written-assessments).
  const stage = state.template.stages.find((s) => s.id === session.stage_id);
  if (stage?.stage_type === 'async_assessment' && (stage.question_set ?? []).length > 0) {
    return participantConflict(refusal('endsWithAnswers'));
  }
  return [
    emitter(pos.participant.id, ctx)('participant_finished_session', {
      session_id: session.id,
      stage_id: session.stage_id,
      attempt: session.attempt,
      ...(endedBy ? { ended_by: endedBy } : {}),
    }),
  ];
}

/** A session id that is not one of the participant's own (unknown, or another participant's). */
export const portalSessionNotFound = (sessionId: string) => notFound('Session', sessionId, refusal('sessionNotFound'));

/** One of the participant's sessions as the portal shows it: never its scorecard or notes. */
export const PortalSessionDetail = z.object({
  id: z.string(),
  stage_name: z.string(),
  status: SessionStatus,
  scheduled_at: z.string(),
  timezone: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
});
export type PortalSessionDetail = z.infer<typeof PortalSessionDetail>;

/** The participant's own session by id, or undefined (unknown, or another participant's); words in `copy`. */
export function portalSession(
  state: ParticipantState,
  sessionId: string,
  copy: PortalCopy,
): PortalSessionDetail | undefined {
  const s = state.sessions.find((x) => x.id === sessionId && x.participant_id === state.participant?.id);
  if (!s) return undefined;
  const stage = state.template.stages.find((x) => x.id === s.stage_id);
  return {
    id: s.id,
    stage_name: stage?.stage_name ?? copy.common.stageGone,
    status: s.status,
    scheduled_at: s.scheduled_at,
    timezone: s.timezone,
    started_at: s.started_at,
    completed_at: s.completed_at,
  };
}

/**
 * Whether the portal offers "Start now": the participant may start their current stage themselves and
 * the rules would let a session begin at `now` (the outlook asks the decider itself).
 */
export function portalCanStartNow(state: ParticipantState, now: string): boolean {
  const pos = activePosition(state);
  if (pos instanceof DomainError) return false;
  if (portalStartRefusal(pos)) return false;
  return participantOutlook(state, now)?.can_schedule_now === true;
}
