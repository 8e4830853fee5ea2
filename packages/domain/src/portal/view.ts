import { z } from 'zod';
import { ParticipantStatus, SessionStatus } from '../progression/entities.ts';
import { activeStagesInOrder } from '../progression/lookups.ts';
import { participantOutlook } from '../progression/outlook.ts';
import type { ParticipantState, ProgressionStage } from '../progression/state.ts';
import { currentConsent } from './consent.ts';
import type { PortalCopy } from './copy/en.ts';
import { portalRecommendation, portalStageFeedback } from './results.ts';

/**
 * What a participant sees of their own evaluation in the portal (docs/surfaces.md#portal-api): their
 * stages in plain words, what comes next, and their sessions. Built from the same state the decider
 * loads, but it carries none of what is for staff: no score (theirs or anyone's), summary, reviewer note,
 * decision or its suggestion, rules snapshot, or internal id. Of their results it carries only what the
 * team allowed (results.ts): a done stage's improvement feedback, and the final recommendation.
 */

export const PortalStageState = z.enum(['done', 'current', 'upcoming']);
export type PortalStageState = z.infer<typeof PortalStageState>;

export const PortalStage = z.object({
  stage_name: z.string(),
  /** The stage type in plain words (`copy.stageTypes`). */
  stage_type: z.string(),
  /** `null` when not known. */
  duration_minutes: z.number().nullable(),
  state: PortalStageState,
  /**
   * For a done stage whose interviewer allows it, the improvement feedback of their latest completed session
   * there; otherwise `null` (docs/rules.md#what-a-participant-sees-of-their-results).
   */
  feedback: z.string().nullable(),
});
export type PortalStage = z.infer<typeof PortalStage>;

export const PortalNext = z.object({
  /** What happens next, in plain words (`copy.next`). */
  message: z.string(),
  /** The stage they are in now. */
  stage_name: z.string(),
  attempts_used: z.int().min(0),
  attempts_allowed: z.int().min(1),
  attempts_left: z.int().min(0),
  /** While a retake cool-down runs, when the next attempt opens; otherwise `null`. */
  retake_opens_at: z.iso.datetime().nullable(),
  /** The stage after this one, `null` when this is the last. */
  next_stage_name: z.string().nullable(),
  /**
   * For an AI-run stage, their answer to its notice: `needed` (not read and answered yet), `accepted`
   * or `declined` (a person runs it); `null` for a stage without one (docs/rules.md#consent-to-an-ai-run-stage).
   */
  consent: z.enum(['needed', 'accepted', 'declined']).nullable(),
});
export type PortalNext = z.infer<typeof PortalNext>;

export const PortalSession = z.object({
  stage_name: z.string(),
  scheduled_at: z.string(),
  /** The IANA time zone the session was booked in. */
  timezone: z.string(),
  status: SessionStatus,
});
export type PortalSession = z.infer<typeof PortalSession>;

/** The answer of `GET /api/portal/v1/me`. */
export const PortalView = z.object({
  /**
   * The language its words are in (`<html lang>` of the pages): the template's `language` where the portal
   * has it, else `en` (docs/surfaces.md#portal-language). Names the team wrote are as they wrote them.
   */
  language: z.string(),
  name: z.string(),
  template_name: z.string(),
  status: ParticipantStatus,
  stages: z.array(PortalStage),
  /** `null` once the evaluation has ended (`closing` says so) or while they are in no stage. */
  next: PortalNext.nullable(),
  /** Their sessions, soonest first; cancelled ones are left out. */
  sessions: z.array(PortalSession),
  /** For a participant whose evaluation has ended, what to tell them; otherwise `null`. */
  closing: z.string().nullable(),
  /** The final recommendation in plain words, when the template lets the participant see it; otherwise `null`. */
  recommendation: z.string().nullable(),
});
export type PortalView = z.infer<typeof PortalView>;

const portalStage = (
  copy: PortalCopy,
  stage: ProgressionStage,
  state: PortalStageState,
  feedback: string | null = null,
): PortalStage => ({
  stage_name: stage.stage_name,
  stage_type: copy.stageTypes[stage.stage_type],
  duration_minutes: stage.duration_minutes ?? null,
  state,
  feedback,
});

/**
 * The participant's portal at `now`: the stages they were in (in the order they entered them), the one
 * they are in, then the active stages still ahead of it in today's order (the ones advancing can reach),
 * in the words of `copy` (the participant's language: portal/copy). `undefined` before enrolment. Unless the
 * template opts in (`recommendation`), the final recommendation is not shown: the team tells them.
 */
export function participantPortalView(
  state: ParticipantState,
  template_name: string,
  now: string,
  copy: PortalCopy,
): PortalView | undefined {
  const { participant } = state;
  if (!participant) return undefined;
  const stageById = new Map(state.template.stages.map((s) => [s.id, s]));
  const entered = new Set(state.progress.map((p) => p.stage_id));
  const current = participant.status === 'active' ? participant.current_stage_id : null;
  const currentStage = current ? stageById.get(current) : undefined;

  const stages: PortalStage[] = [];
  for (const p of [...state.progress].sort((a, b) => (a.entered_at < b.entered_at ? -1 : 1))) {
    const stage = stageById.get(p.stage_id);
    // A stage archived since has left the template: it is not shown (nor is anything about it).
    if (!stage || p.stage_id === current) continue;
    stages.push(portalStage(copy, stage, 'done', portalStageFeedback(state, stage)));
  }
  if (currentStage) {
    stages.push(portalStage(copy, currentStage, 'current'));
    const from = currentStage.stage_order ?? -1;
    const ahead = activeStagesInOrder(state.template).filter((s) => !entered.has(s.id) && (s.stage_order ?? 0) > from);
    for (const s of ahead) stages.push(portalStage(copy, s, 'upcoming'));
  }

  const sessions = state.sessions
    .filter((s) => s.status !== 'cancelled' && stageById.has(s.stage_id))
    .sort((a, b) => (a.scheduled_at < b.scheduled_at ? -1 : a.scheduled_at > b.scheduled_at ? 1 : 0))
    .map((s) => ({
      stage_name: stageById.get(s.stage_id)?.stage_name ?? '',
      scheduled_at: s.scheduled_at,
      timezone: s.timezone,
      status: s.status,
    }));

  const closing = participant.status === 'active' ? null : copy.closing[participant.status];
  return {
    language: copy.language,
    name: participant.name,
    template_name,
    status: participant.status,
    stages,
    next: currentStage ? portalNext(state, currentStage, now, copy) : null,
    sessions,
    closing,
    recommendation: portalRecommendation(state, copy),
  };
}

function portalNext(
  state: ParticipantState,
  stage: ProgressionStage,
  now: string,
  copy: PortalCopy,
): PortalNext | null {
  const outlook = participantOutlook(state, now);
  if (!outlook) return null;
  const progress = state.progress.find((p) => p.stage_id === stage.id && p.left_at === null);
  const open = state.sessions.filter(
    (s) => s.stage_id === stage.id && (s.status === 'scheduled' || s.status === 'in_progress'),
  );
  const attemptsLeft = Math.max(0, outlook.attempts_allowed - outlook.attempts_used);
  const consent = currentConsent(state);
  let next: keyof PortalCopy['next'];
  if (open.some((s) => s.status === 'in_progress')) next = 'underWay';
  else if (open.length > 0) next = 'booked';
  else if (progress?.state === 'awaiting_decision') next = 'reviewing';
  else if (consent === 'declined') next = 'personRuns';
  else if (outlook.cooldown_ends_at) next = 'coolDown';
  else if (consent === 'needed' && outlook.can_schedule_now) next = 'readNoticeFirst';
  else if (outlook.can_schedule_now && outlook.attempts_used > 0) next = 'again';
  else if (outlook.can_schedule_now) next = 'ready';
  else next = 'teamInTouch';
  return {
    message: copy.next[next],
    stage_name: stage.stage_name,
    attempts_used: outlook.attempts_used,
    attempts_allowed: outlook.attempts_allowed,
    attempts_left: attemptsLeft,
    retake_opens_at: outlook.cooldown_ends_at,
    next_stage_name: outlook.next_stage?.name ?? null,
    consent,
  };
}
