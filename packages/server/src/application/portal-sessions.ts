import type { ParticipantOutcome, ParticipantUnit } from '@stageflow/db';
import {
  type DecideContext,
  DomainError,
  decidePortalFinish,
  decidePortalStart,
  evolveParticipant,
  notFound,
  type ParticipantEvent,
  type ParticipantState,
  type PortalSessionDetail,
  type PortalStartInput,
  portalSession,
  unwrap,
  WithdrawParticipantInput,
} from '@stageflow/domain';
import type { AppContext } from './context.ts';
import { runParticipantCommand } from './participant-commands.ts';

/**
 * The participant's own session commands from their portal (docs/rules.md#sessions-a-participant-starts).
 * The caller builds `ctx` from the portal credential: its workspace, and `participant:<id>` as actor.
 */

export const participantActor = (participantId: string) => `participant:${participantId}`;

/** One portal command as a unit: load the participant, decide in the domain, store what it emitted. */
function portalUnit(
  ctx: AppContext,
  participantId: string,
  decide: (
    state: ParticipantState,
    dc: DecideContext,
  ) => { events: ParticipantEvent[]; session_id: string } | DomainError,
): ParticipantUnit<PortalSessionDetail> {
  const dc: DecideContext = { now: ctx.now(), newId: ctx.newId, actor: ctx.actor };
  return {
    target: { participantId },
    step: ({ loaded }): ParticipantOutcome<PortalSessionDetail> | DomainError => {
      const decided = decide(loaded.state, dc);
      if (decided instanceof DomainError) return decided;
      const folded = decided.events.reduce(evolveParticipant, loaded.state);
      const state =
        decided.events.length === 0 || !folded.participant
          ? folded
          : { ...folded, participant: { ...folded.participant, updated_at: dc.now } };
      const answer = portalSession(state, decided.session_id);
      if (!answer) return notFound('Session', decided.session_id);
      return { state, emitted: decided.events, answer };
    },
  };
}

async function run(ctx: AppContext, unit: ParticipantUnit<PortalSessionDetail>): Promise<PortalSessionDetail> {
  const [result] = await ctx.storage.participants.run(ctx.workspaceId, [unit]);
  return unwrap(result as PortalSessionDetail | DomainError);
}

/** Starts the current stage's session now, or books it for `input.at`. */
export function startPortalSession(ctx: AppContext, participantId: string, input: PortalStartInput) {
  return run(
    ctx,
    portalUnit(ctx, participantId, (state, dc) => decidePortalStart(state, input, dc)),
  );
}

/** The participant is done with their in-progress session; a reviewer records its result. */
export function finishPortalSession(ctx: AppContext, participantId: string, sessionId: string) {
  return run(
    ctx,
    portalUnit(ctx, participantId, (state, dc) => {
      const events = decidePortalFinish(state, sessionId, dc);
      return events instanceof DomainError ? events : { events, session_id: sessionId };
    }),
  );
}

/** The participant's own session, or NOT_FOUND (unknown, or another participant's). */
export function readPortalSession(ctx: AppContext, participantId: string, sessionId: string): PortalSessionDetail {
  const loaded = ctx.repos.participants.load.participant(ctx.workspaceId, participantId);
  return unwrap((loaded && portalSession(loaded.state, sessionId)) ?? notFound('Session', sessionId));
}

/**
 * The participant withdraws from their evaluation through the domain's withdraw command, as themselves
 * (docs/rules.md#moving-a-participant-by-hand): whatever is open at their stage ends first.
 */
export async function withdrawFromPortal(ctx: AppContext, participantId: string, note?: string): Promise<void> {
  await runParticipantCommand(
    ctx,
    { participantId },
    { type: 'withdraw', ...WithdrawParticipantInput.parse({ participant_id: participantId, note }) },
    () => undefined,
  );
}
