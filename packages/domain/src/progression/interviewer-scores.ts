import { badInput, conflict, DomainError, notFound } from '../errors.ts';
import { isInterviewedStage } from '../interviewer/subject.ts';
import { extended } from '../objects.ts';
import type { DecideContext, NoteScoringFailedCommand, ReplaceScorecardCommand } from './commands.ts';
import { outcomeEvents } from './completion.ts';
import { emitter, SYSTEM } from './emit.ts';
import type { Decision, Session } from './entities.ts';
import type { ParticipantEvent, ReplacementNotApplied } from './events.ts';
import { activePosition, enrolledParticipant, type Position } from './guards.ts';
import { attemptsAllowed, openDecisionsAt } from './lookups.ts';
import type { Scorecard } from './scorecard.ts';
import { reviewerScorer } from './scorer.ts';
import { scoreCard } from './scoring.ts';
import type { ParticipantState, ProgressionStage } from './state.ts';
import { orNull } from './text.ts';

/**
 * Commands about an interviewer's score (docs/rules.md#scoring-with-evidence): a reviewer replacing it
 * with their own, and noting that the interviewer could not score a session at all.
 */

/** Whether the stage's interviewer can score its sessions: an interviewed stage type with an interviewer. */
export const interviewerScores = (stage: Pick<ProgressionStage, 'stage_type' | 'interviewer'>): boolean =>
  isInterviewedStage(stage.stage_type) && stage.interviewer !== null;

/**
 * Whether this session's scorecard can be corrected (docs/rules.md#correcting-a-score): any completed
 * session's scorecard can, whoever scored it — the interviewer's model or a person.
 */
export const replaceableScorecard = (session: Pick<Session, 'status' | 'scorecard'>): boolean =>
  session.status === 'completed' && session.scorecard !== null && session.scorecard !== undefined;

/** Attempts that count at a stage: scheduled, under way or done (failed and cancelled ones use none). */
const counts = (s: Session) => s.status !== 'failed' && s.status !== 'cancelled';

/**
 * Whether the rules may act on a replaced score (docs/rules.md#replacing-an-interviewers-score): the
 * participant is still at that stage, nobody decided on the score, and no later attempt came after
 * it. Otherwise the replacement is only recorded, and why says what a person should look at.
 */
function replacementEffect(
  state: ParticipantState,
  session: Session,
): { readonly pos: Position } | { readonly notApplied: ReplacementNotApplied } {
  const participant = state.participant;
  if (participant?.status !== 'active' || participant.current_stage_id !== session.stage_id) {
    return { notApplied: 'left_stage' };
  }
  // Decided by a person: a decision closed without an outcome (by an earlier correction) decided nothing.
  if (state.decisions.some((d) => d.session_id === session.id && d.status === 'decided' && d.outcome !== null)) {
    return { notApplied: 'decided' };
  }
  if (state.sessions.some((s) => s.stage_id === session.stage_id && s.attempt > session.attempt && counts(s))) {
    return { notApplied: 'later_attempt' };
  }
  const pos = activePosition(state);
  return pos instanceof DomainError ? { notApplied: 'left_stage' } : { pos };
}

/**
 * A reviewer corrects the score of a completed session (the interviewer's or a person's) with a new
 * scorecard and a note.
 * Both stay on the session. While the rules may still act on it, they act on the new score as on any
 * result: an open decision about the old one closes, then the completion table applies.
 */
export function replaceScorecard(
  state: ParticipantState,
  cmd: ReplaceScorecardCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const session = state.sessions.find((s) => s.id === cmd.session_id);
  if (!session) return notFound('session', cmd.session_id);
  const participant = enrolledParticipant(state, session.participant_id);
  if (participant instanceof DomainError) return participant;
  const previous = session.scorecard;
  if (session.status !== 'completed' || !previous) {
    return conflict(
      `session ${session.id} is ${session.status.replace('_', ' ')}: only a completed session's score can be corrected; record its result instead`,
    );
  }
  // The input schema trims; a caller that skips it still cannot leave a blank note.
  const note = orNull(cmd.note?.trim());
  if (!note) return badInput(['note'], `correcting the score of session ${session.id} requires a note`);

  // Judged by the pass mark that applied to the interviewer's score: the participant's snapshot then.
  const interviewer = state.template.stages.find((s) => s.id === session.stage_id)?.interviewer ?? null;
  const scorecard = scoreCard(
    interviewer,
    extended(cmd, { transcript: previous.transcript }),
    previous.threshold_applied,
    reviewerScorer(ctx.actor),
  );
  if (scorecard instanceof DomainError) return scorecard;

  const effect = replacementEffect(state, session);
  const emit = emitter(participant.id, ctx);
  const replaced = emit('scorecard_replaced', {
    session_id: session.id,
    stage_id: session.stage_id,
    attempt: session.attempt,
    scorecard,
    previous: {
      overall_score: previous.overall_score,
      passed: previous.passed,
      needs_review: previous.needs_review,
      scored_by: previous.scored_by,
    },
    note,
    applied: 'pos' in effect,
    not_applied: 'notApplied' in effect ? effect.notApplied : null,
  });
  if (!('pos' in effect)) return [replaced, ...flagForReview(state, session, scorecard, ctx)];

  const { pos } = effect;
  const closed = openDecisionsAt(state, pos.stage.id)
    .filter((d) => d.session_id === session.id)
    .map((d) =>
      emit('decision_closed', {
        decision_id: d.id,
        stage_id: d.stage_id,
        outcome: null,
        cause: 'scorecard_replaced',
        note,
      }),
    );
  const scored = { id: session.id, scorecard, completed_at: session.completed_at ?? ctx.now };
  return [replaced, ...closed, ...outcomeEvents(state, pos, scored, pos.progress.attempts_used, ctx)];
}

/**
 * A correction the rules may not act on is put before a person (docs/rules.md#correcting-a-score): a
 * `scorecard_corrected` decision about the session, which suggests nothing and holds nothing up. One
 * open flag per session is enough: a further correction while it is open is in the same timeline.
 */
function flagForReview(
  state: ParticipantState,
  session: Session,
  scorecard: Scorecard,
  ctx: DecideContext,
): ParticipantEvent[] {
  const flagged = state.decisions.some(
    (d) => d.session_id === session.id && d.reason === 'scorecard_corrected' && d.status === 'open',
  );
  const progress = state.progress.find((p) => p.stage_id === session.stage_id);
  if (flagged || !progress || !state.participant) return [];
  const decision: Decision = {
    id: ctx.newId(),
    participant_id: state.participant.id,
    stage_id: session.stage_id,
    session_id: session.id,
    reason: 'scorecard_corrected',
    suggested: null,
    status: 'open',
    outcome: null,
    note: null,
    decided_by: null,
    decided_at: null,
    created_at: ctx.now,
  };
  const basis = {
    stage_id: session.stage_id,
    session_id: session.id,
    overall_score: scorecard.overall_score,
    threshold_applied: scorecard.threshold_applied,
    rules: progress.rules,
    attempts_used: progress.attempts_used,
    attempts_allowed: attemptsAllowed(progress),
  };
  return [emitter(state.participant.id, ctx)('decision_opened', extended(basis, { decision }), SYSTEM)];
}

/** The interviewer could not score the session: staff see why; nothing else changes. */
export function noteScoringFailed(
  state: ParticipantState,
  cmd: NoteScoringFailedCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const session = state.sessions.find((s) => s.id === cmd.session_id);
  if (!session) return notFound('session', cmd.session_id);
  const participant = enrolledParticipant(state, session.participant_id);
  if (participant instanceof DomainError) return participant;
  return [
    emitter(participant.id, ctx)('scoring_failed', {
      session_id: session.id,
      stage_id: session.stage_id,
      attempt: session.attempt,
      reason: cmd.reason,
      message: cmd.message,
    }),
  ];
}
