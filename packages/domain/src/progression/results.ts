import { DomainError } from '../errors.ts';
import type { CompleteCommand, DecideContext, RecordResultCommand } from './commands.ts';
import { completionEvents } from './completion.ts';
import { emitter } from './emit.ts';
import type { ParticipantEvent } from './events.ts';
import { activePosition, attemptsRefusal, cooldownRefusal, newAttemptRefusal, wrongStage } from './guards.ts';
import { openSessionsAt } from './lookups.ts';
import { modelScorer, reviewerScorer } from './scorer.ts';
import { scoreCard } from './scoring.ts';
import { newSession, sessionInPlay } from './sessions.ts';
import type { ParticipantState } from './state.ts';

/** Completing a scheduled or in-progress session with its scorecard, then what the rules say happens. */
export function complete(
  state: ParticipantState,
  cmd: CompleteCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const found = sessionInPlay(state, cmd.session_id, ['scheduled', 'in_progress'], 'completed');
  if (found instanceof DomainError) return found;
  const { pos, session } = found;
  // Completing a session that never started starts the attempt now, so the cool-down applies now.
  const refusal =
    (session.status === 'scheduled' ? cooldownRefusal(state, pos, ctx.now) : undefined) ?? attemptsRefusal(pos);
  if (refusal) return refusal;
  // The interviewer's quotes count only where the participant said them (docs/rules.md#scoring-with-evidence).
  const scorer = cmd.model
    ? modelScorer(cmd.model, cmd.transcript ?? [], pos.participant.name)
    : reviewerScorer(ctx.actor);
  const scorecard = scoreCard(pos.stage.interviewer, cmd, pos.progress.rules.pass_threshold, scorer);
  if (scorecard instanceof DomainError) return scorecard;
  return completionEvents(state, pos, session, scorecard, ctx);
}

/**
 * A result recorded in one step: completes the session open at the participant's stage, or creates one
 * and completes it. Scheduling first is allowed, not required.
 */
export function recordResult(
  state: ParticipantState,
  cmd: RecordResultCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const pos = activePosition(state, cmd.participant_id);
  if (pos instanceof DomainError) return pos;
  const open = openSessionsAt(state, pos.stage.id)[0];
  const refusal =
    wrongStage(pos, cmd.stage_id) ??
    newAttemptRefusal(state, pos, true) ??
    (open?.status === 'in_progress' ? undefined : cooldownRefusal(state, pos, ctx.now));
  if (refusal) return refusal;
  const scorecard = scoreCard(pos.stage.interviewer, cmd, pos.progress.rules.pass_threshold, reviewerScorer(ctx.actor));
  if (scorecard instanceof DomainError) return scorecard;

  if (open) return completionEvents(state, pos, open, scorecard, ctx);
  const session = newSession(pos, { scheduled_at: ctx.now, timezone: 'UTC', notes: null, idempotency_key: null }, ctx);
  return [
    emitter(pos.participant.id, ctx)('session_scheduled', { session, via: 'record_result' }),
    ...completionEvents(state, pos, session, scorecard, ctx),
  ];
}
