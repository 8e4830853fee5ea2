import { type CommandResult, type CommandTarget, participantViewOf, readTx } from '@stageflow/db';
import {
  availableActions,
  type DecideContext,
  firstBlockingProblem,
  liveStages,
  notFound,
  type ParticipantCommand,
  type ParticipantState,
  participantOutlook,
  unwrap,
} from '@stageflow/domain';
import type { Context } from '../context.ts';

export const decideContext = (ctx: Context): DecideContext => ({ now: ctx.now(), newId: ctx.newId, actor: ctx.actor });

/** One participant command, in its own transaction; domain refusals surface as tRPC errors. */
export function runCommand(ctx: Context, target: CommandTarget, command: ParticipantCommand): CommandResult {
  return unwrap(ctx.repos.participants.run(ctx.workspaceId, target, command, decideContext(ctx)));
}

/** Participants cannot be enrolled while the pipeline has a blocking problem (docs/rules.md). */
export function assertRunnable(ctx: Context, templateId: string): void {
  const pipeline = unwrap(
    ctx.repos.pipelines.load(ctx.workspaceId, templateId) ?? notFound('Evaluation template', templateId),
  );
  const problem = firstBlockingProblem(liveStages(pipeline.stages));
  if (problem) throw problem;
}

/** The session a command created (schedule, record_result), or the one a reused idempotency key names. */
export function sessionCreatedBy(result: CommandResult, idempotencyKey?: string): string | undefined {
  for (const e of result.emitted) if (e.type === 'session_scheduled') return e.data.session.id;
  return idempotencyKey ? result.state.sessions.find((s) => s.idempotency_key === idempotencyKey)?.id : undefined;
}

/** Sessions and decisions are addressed by their own id; commands run on their participant. */
export function sessionTarget(ctx: Context, sessionId: string): { participantId: string } {
  const participantId = ctx.repos.participants.participantOfSession(ctx.workspaceId, sessionId);
  return { participantId: unwrap(participantId ?? notFound('Session', sessionId)) };
}
export function decisionTarget(ctx: Context, decisionId: string): { participantId: string } {
  const participantId = ctx.repos.participants.participantOfDecision(ctx.workspaceId, decisionId);
  return { participantId: unwrap(participantId ?? notFound('Decision', decisionId)) };
}

/**
 * The participant as the dashboard and API show it (summary, progress, sessions, decisions), from
 * the state a command stored or the page loaded: nothing is read twice.
 */
export function participantView(state: ParticipantState) {
  // Every participant command leaves a participant (enrolment makes one): the fallback is a guard.
  return unwrap(participantViewOf(state) ?? notFound('Participant', `in evaluation template ${state.template.id}`));
}

/** The session a command left, with where its participant now stands. */
export function sessionResult(result: CommandResult, sessionId: string) {
  const session = unwrap(result.state.sessions.find((s) => s.id === sessionId) ?? notFound('Session', sessionId));
  return { session, participant: participantView(result.state) };
}

/**
 * The full page: the view plus the timeline, the actions the rules allow right now and the outlook,
 * all from the one state loaded here.
 */
export function participantPage(ctx: Context, participantId: string) {
  const { loaded, timeline } = readTx(ctx.db, () => ({
    loaded: ctx.repos.participants.load.participant(ctx.workspaceId, participantId),
    timeline: ctx.repos.participants.events(ctx.workspaceId, { participant_id: participantId, limit: 200 }),
  }));
  if (!loaded) throw notFound('Participant', participantId);
  const decide = decideContext(ctx);
  return {
    ...participantView(loaded.state),
    events: timeline.items,
    actions: availableActions(loaded.state, decide),
    outlook: participantOutlook(loaded.state, decide.now),
  };
}
