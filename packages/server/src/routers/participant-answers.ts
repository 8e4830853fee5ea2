import { readTx } from '@stageflow/db';
import {
  availableActions,
  notFound,
  type ParticipantState,
  participantOutlook,
  participantViewOf,
  portalLinkState,
  unwrap,
} from '@stageflow/domain';
import { decideContext } from '../application/context.ts';
import type { CommandResult } from '../application/participant-commands.ts';
import type { Context } from '../context.ts';

/**
 * The participant as the dashboard and API show it (summary, progress, sessions, decisions), from
 * the state a command stored or the page loaded: nothing is read twice.
 */
export function participantView(state: ParticipantState) {
  // Every participant command leaves a participant (enrolment makes one): the fallback is a guard.
  return unwrap(participantViewOf(state) ?? notFound('Participant', `in evaluation template ${state.template.id}`));
}

/** The session a command created (schedule, record_result), or the one a reused idempotency key names. */
export function sessionCreatedBy(result: CommandResult, idempotencyKey?: string): string | undefined {
  for (const e of result.emitted) if (e.type === 'session_scheduled') return e.data.session.id;
  return idempotencyKey ? result.state.sessions.find((s) => s.idempotency_key === idempotencyKey)?.id : undefined;
}

/** The session a command left, with where its participant now stands. */
export function sessionResult(result: CommandResult, sessionId: string | undefined) {
  const session = unwrap(
    result.state.sessions.find((s) => s.id === sessionId) ?? notFound('Session', sessionId ?? 'created'),
  );
  return { session, participant: participantView(result.state) };
}

/**
 * The full page: the view plus the timeline, the actions the rules allow right now and the outlook,
 * all from the one state loaded here.
 */
export function participantPage(ctx: Context, participantId: string) {
  const { loaded, timeline, link, awaiting } = readTx(ctx.db, () => ({
    loaded: ctx.repos.participants.load.participant(ctx.workspaceId, participantId),
    timeline: ctx.repos.participants.events(ctx.workspaceId, { participant_id: participantId, limit: 200 }),
    link: ctx.repos.portalLinks.latest(ctx.workspaceId, participantId),
    awaiting: ctx.repos.participants.awaitingScore(ctx.workspaceId, { participant_id: participantId, limit: 100 }),
  }));
  if (!loaded) throw notFound('Participant', participantId);
  const decide = decideContext(ctx);
  return {
    ...participantView(loaded.state),
    events: timeline.items,
    actions: availableActions(loaded.state, decide),
    outlook: participantOutlook(loaded.state, decide.now),
    portal_link: link ? portalLinkState(link, decide.now) : null,
    awaiting_score: awaiting.map((a) => a.session_id),
  };
}
