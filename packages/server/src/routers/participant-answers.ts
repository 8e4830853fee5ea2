import {
  availableActions,
  extended,
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
 * The page: the view plus the actions the rules allow right now, the outlook and the portal link, all
 * from the one snapshot read here. The timeline is read a page at a time on its own (`participantTimeline`).
 */
export async function participantPage(ctx: Context, participantId: string) {
  const { loaded, link, awaiting } = await ctx.storage.snapshot(function* (r) {
    return {
      loaded: yield* r.participants.load.participant(ctx.workspaceId, participantId),
      link: yield* r.portalLinks.latest(ctx.workspaceId, participantId),
      awaiting: yield* r.participants.awaitingScore(ctx.workspaceId, { participant_id: participantId, limit: 100 }),
    };
  });
  if (!loaded) throw notFound('Participant', participantId);
  const decide = decideContext(ctx);
  return extended(participantView(loaded.state), {
    actions: availableActions(loaded.state, decide),
    outlook: participantOutlook(loaded.state, decide.now),
    portal_link: link ? portalLinkState(link, decide.now) : null,
    awaiting_score: awaiting.map((a) => a.session_id),
  });
}

/** A page of the participant's timeline, newest first (NOT_FOUND when they are not the workspace's). */
export async function participantTimeline(
  ctx: Context,
  input: { id: string; limit: number; cursor?: number | undefined },
) {
  const page = await ctx.reads.participants.timeline(ctx.workspaceId, input.id, input.limit, input.cursor);
  // Everyone has at least their enrolment on it: an empty first page is someone not of this workspace.
  if (page.items.length === 0 && !(await ctx.reads.participants.load.participant(ctx.workspaceId, input.id))) {
    throw notFound('Participant', input.id);
  }
  return { items: page.items, next_cursor: page.next };
}
