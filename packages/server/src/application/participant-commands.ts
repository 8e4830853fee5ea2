import type { CommandTarget, Idempotency, ParticipantFacts, ParticipantOutcome, ParticipantUnit } from '@stageflow/db';
import {
  type DecideContext,
  type DomainError,
  decideParticipant,
  emailAlreadyEnrolled,
  evolveParticipant,
  extended,
  firstBlockingProblem,
  liveStages,
  notFound,
  type ParticipantCommand,
  type ParticipantEvent,
  type ParticipantState,
  unwrap,
} from '@stageflow/domain';
import { type AppContext, decideContext } from './context.ts';

/** What a command left: the state it stored and the events it appended (empty when nothing changed). */
export interface CommandResult {
  readonly state: ParticipantState;
  readonly emitted: readonly ParticipantEvent[];
}

/**
 * Any command that changed something moves the participant's `updated_at` (boards sort by it). The
 * state returned is exactly what is stored, so callers answer from it without reading it back.
 */
export const touched = (state: ParticipantState, now: string): ParticipantState =>
  state.participant ? extended(state, { participant: extended(state.participant, { updated_at: now }) }) : state;

const emailOf = (command: ParticipantCommand) =>
  command.type === 'enroll' || command.type === 'update' ? command.email : undefined;

/**
 * The pure middle of every participant command: refuse an email another participant of the template
 * uses, let the decider decide, fold its events into the state, and shape the caller's answer.
 */
function decideStep<A>(command: ParticipantCommand, ctx: DecideContext, answer: (result: CommandResult) => A) {
  return ({ loaded, emailTakenIn }: ParticipantFacts): ParticipantOutcome<A> | DomainError => {
    const email = emailOf(command);
    if (email && emailTakenIn !== null) {
      return emailAlreadyEnrolled(email, { id: loaded.state.template.id, name: emailTakenIn });
    }
    const emitted = decideParticipant(loaded.state, command, ctx);
    if (emitted instanceof Error) return emitted;
    const state =
      emitted.length === 0 ? loaded.state : touched(emitted.reduce(evolveParticipant, loaded.state), ctx.now);
    return { state, emitted, answer: answer({ state, emitted }) };
  };
}

/** One participant command as a unit of work the storage runs: load → decide → store → events. */
export function commandUnit<A>(
  ctx: AppContext,
  target: CommandTarget,
  command: ParticipantCommand,
  answer: (result: CommandResult) => A,
  retry?: RetryKey,
): ParticipantUnit<A> {
  const decide = decideContext(ctx);
  const idempotency: Idempotency | undefined = retry?.key ? { ...retry, key: retry.key, now: decide.now } : undefined;
  return { target, email: emailOf(command), idempotency, step: decideStep(command, decide, answer) };
}

/**
 * A caller's `Idempotency-Key`: a retry with the same key and request gets the first answer. The
 * scope names the operation (`sessions.schedule`), and the request is what the key's hash covers.
 */
export interface RetryKey {
  readonly key: string | undefined;
  readonly scope: string;
  readonly request: unknown;
}

/**
 * Runs one participant command in its own transaction and answers from the state it stored;
 * a refusal is thrown as the domain error (the API maps it once).
 */
export async function runParticipantCommand<A>(
  ctx: AppContext,
  target: CommandTarget,
  command: ParticipantCommand,
  answer: (result: CommandResult) => A,
  retry?: RetryKey,
): Promise<A> {
  const [result] = await ctx.storage.participants.run(ctx.workspaceId, [
    commandUnit(ctx, target, command, answer, retry),
  ]);
  return unwrap(result as A | DomainError);
}

/** Participants cannot be enrolled while the pipeline has a blocking problem (docs/rules.md#pipeline-validation). */
export async function assertRunnable(ctx: AppContext, templateId: string): Promise<void> {
  const pipeline = unwrap(
    (await ctx.reads.pipelines.load(ctx.workspaceId, templateId)) ?? notFound('Evaluation template', templateId),
  );
  const problem = firstBlockingProblem(liveStages(pipeline.stages));
  if (problem) throw problem;
}

/** Sessions and decisions are addressed by their own id; commands run on their participant. */
export async function sessionTarget(ctx: AppContext, sessionId: string): Promise<{ participantId: string }> {
  const participantId = await ctx.reads.participants.participantOfSession(ctx.workspaceId, sessionId);
  return { participantId: unwrap(participantId ?? notFound('Session', sessionId)) };
}
export async function decisionTarget(ctx: AppContext, decisionId: string): Promise<{ participantId: string }> {
  const participantId = await ctx.reads.participants.participantOfDecision(ctx.workspaceId, decisionId);
  return { participantId: unwrap(participantId ?? notFound('Decision', decisionId)) };
}
