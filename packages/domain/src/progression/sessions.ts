import { conflict, DomainError, notFound } from '../errors.ts';
import type {
  CancelCommand,
  DecideContext,
  FailCommand,
  RescheduleCommand,
  ScheduleCommand,
  StartCommand,
} from './commands.ts';
import { emitter } from './emit.ts';
import type { Session, SessionStatus } from './entities.ts';
import type { ParticipantEvent } from './events.ts';
import {
  activePosition,
  cooldownRefusal,
  enrolledParticipant,
  newAttemptRefusal,
  type Position,
  wrongStage,
} from './guards.ts';
import { describeStage, openSessionsAt } from './lookups.ts';
import type { ParticipantState } from './state.ts';
import { orNull } from './text.ts';

/** A new session for the participant's next attempt at their current stage. */
export function newSession(
  pos: Position,
  fields: Pick<Session, 'scheduled_at' | 'timezone' | 'notes' | 'idempotency_key'>,
  ctx: DecideContext,
): Session {
  return {
    id: ctx.newId(),
    participant_id: pos.participant.id,
    stage_id: pos.stage.id,
    attempt: pos.progress.attempts_used + 1,
    status: 'scheduled',
    // Named, not spread: properties after a spread are slow on Node 20 (objects.ts), and every page asks for two.
    scheduled_at: fields.scheduled_at,
    timezone: fields.timezone,
    notes: fields.notes,
    idempotency_key: fields.idempotency_key,
    started_at: null,
    completed_at: null,
    end_reason: null,
    scorecard: null,
    replaced_scorecards: [],
    created_at: ctx.now,
    updated_at: ctx.now,
  };
}

/**
 * A session the command may act on: it exists, its participant is active, it is in one of `allowed`
 * states, and it belongs to the stage the participant is in.
 */
export function sessionInPlay(
  state: ParticipantState,
  sessionId: string,
  allowed: readonly SessionStatus[],
  verb: string,
  hint?: string,
): { pos: Position; session: Session } | DomainError {
  const session = state.sessions.find((s) => s.id === sessionId);
  if (!session) return notFound('session', sessionId);
  const pos = activePosition(state, session.participant_id);
  if (pos instanceof DomainError) return pos;
  if (!allowed.includes(session.status)) {
    const why = `the session is ${session.status.replace('_', ' ')}; only a ${allowed.map((s) => s.replace('_', ' ')).join(' or ')} session can be ${verb}`;
    return conflict(hint ? `${why} (${hint})` : why);
  }
  if (session.stage_id !== pos.stage.id) {
    return conflict(
      `the session is for another stage, but ${pos.participant.name} is now at ${describeStage(pos.stage)}`,
    );
  }
  return { pos, session };
}

export function schedule(
  state: ParticipantState,
  cmd: ScheduleCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const participant = enrolledParticipant(state, cmd.participant_id);
  if (participant instanceof DomainError) return participant;
  // A retried request answers with the session it created the first time (no new events).
  const replayed = cmd.idempotency_key && state.sessions.find((s) => s.idempotency_key === cmd.idempotency_key);
  if (replayed) {
    if (cmd.stage_id === undefined || cmd.stage_id === replayed.stage_id) return [];
    return conflict(`idempotency key "${cmd.idempotency_key}" was already used for a session at another stage`);
  }
  const pos = activePosition(state, cmd.participant_id);
  if (pos instanceof DomainError) return pos;
  const at = cmd.scheduled_at ?? ctx.now;
  const refusal =
    wrongStage(pos, cmd.stage_id) ?? newAttemptRefusal(state, pos, cmd.force) ?? cooldownRefusal(state, pos, at);
  if (refusal) return refusal;

  const emit = emitter(pos.participant.id, ctx);
  // `force` replaces what is open: one attempt at a time keeps attempts countable.
  const superseded = openSessionsAt(state, pos.stage.id).map((s) =>
    emit('session_cancelled', {
      session_id: s.id,
      stage_id: s.stage_id,
      attempt: s.attempt,
      reason: null,
      cause: 'superseded',
    }),
  );
  const session = newSession(
    pos,
    {
      scheduled_at: at,
      timezone: cmd.timezone,
      notes: orNull(cmd.notes),
      idempotency_key: cmd.idempotency_key ?? null,
    },
    ctx,
  );
  return [...superseded, emit('session_scheduled', { session, via: 'schedule' })];
}

export function reschedule(
  state: ParticipantState,
  cmd: RescheduleCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const found = sessionInPlay(state, cmd.session_id, ['scheduled'], 'rescheduled');
  if (found instanceof DomainError) return found;
  const { pos, session } = found;
  const refusal = cooldownRefusal(state, pos, cmd.scheduled_at);
  if (refusal) return refusal;
  return [
    emitter(pos.participant.id, ctx)('session_rescheduled', {
      session_id: session.id,
      stage_id: session.stage_id,
      previous_scheduled_at: session.scheduled_at,
      scheduled_at: cmd.scheduled_at,
      timezone: cmd.timezone ?? session.timezone,
      notes: cmd.notes === undefined ? session.notes : orNull(cmd.notes),
    }),
  ];
}

export function start(
  state: ParticipantState,
  cmd: StartCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const found = sessionInPlay(state, cmd.session_id, ['scheduled'], 'started');
  if (found instanceof DomainError) return found;
  const { pos, session } = found;
  const refusal = cooldownRefusal(state, pos, ctx.now);
  if (refusal) return refusal;
  return [
    emitter(pos.participant.id, ctx)('session_started', {
      session_id: session.id,
      stage_id: session.stage_id,
      attempt: session.attempt,
    }),
  ];
}

/** A technical failure: the session ends and the attempt is not counted. */
export function fail(state: ParticipantState, cmd: FailCommand, ctx: DecideContext): ParticipantEvent[] | DomainError {
  const found = sessionInPlay(state, cmd.session_id, ['scheduled', 'in_progress'], 'marked failed');
  if (found instanceof DomainError) return found;
  const { pos, session } = found;
  return [
    emitter(pos.participant.id, ctx)('session_failed', {
      session_id: session.id,
      stage_id: session.stage_id,
      attempt: session.attempt,
      reason: orNull(cmd.reason),
    }),
  ];
}

export function cancel(
  state: ParticipantState,
  cmd: CancelCommand,
  ctx: DecideContext,
): ParticipantEvent[] | DomainError {
  const found = sessionInPlay(
    state,
    cmd.session_id,
    ['scheduled'],
    'cancelled',
    'mark an in-progress session failed instead',
  );
  if (found instanceof DomainError) return found;
  const { pos, session } = found;
  return [
    emitter(pos.participant.id, ctx)('session_cancelled', {
      session_id: session.id,
      stage_id: session.stage_id,
      attempt: session.attempt,
      reason: orNull(cmd.reason),
      cause: 'requested',
    }),
  ];
}
