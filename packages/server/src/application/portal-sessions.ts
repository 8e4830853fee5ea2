import type { ParticipantOutcome, ParticipantUnit } from '@stageflow/db';
import {
  type DecideContext,
  DomainError,
  decidePortalFinish,
  decidePortalStart,
  evolveParticipant,
  type ParticipantEvent,
  type ParticipantState,
  type PortalSessionDetail,
  type PortalStartInput,
  type PortalWithdrawInput,
  portalSession,
  portalSessionNotFound,
  unwrap,
  WithdrawParticipantInput,
} from '@stageflow/domain';
import type { AppContext, PortalAppContext } from './context.ts';
import { runParticipantCommand } from './participant-commands.ts';

/**
 * The participant's own session commands from their portal (docs/rules.md#sessions-a-participant-starts).
 * The caller builds `ctx` from the portal credential: its workspace, and `participant:<id>` as actor.
 */

export const participantActor = (participantId: string) => `participant:${participantId}`;

/** One portal command as a unit: load the participant, decide in the domain, store what it emitted. */
function portalUnit(
  ctx: PortalAppContext,
  participantId: string,
  decide: (
    state: ParticipantState,
    dc: DecideContext,
  ) => { events: ParticipantEvent[]; session_id: string } | DomainError,
  retry?: { key: string; request: unknown },
): ParticipantUnit<PortalSessionDetail> {
  const dc: DecideContext = { now: ctx.now(), newId: ctx.newId, actor: ctx.actor };
  return {
    target: { participantId },
    ...(retry ? { idempotency: portalIdempotency(participantId, retry, dc.now) } : {}),
    step: ({ loaded }): ParticipantOutcome<PortalSessionDetail> | DomainError => {
      const decided = decide(loaded.state, dc);
      if (decided instanceof DomainError) return decided;
      const folded = decided.events.reduce(evolveParticipant, loaded.state);
      const state =
        decided.events.length === 0 || !folded.participant
          ? folded
          : { ...folded, participant: { ...folded.participant, updated_at: dc.now } };
      const answer = portalSession(state, decided.session_id, ctx.copy);
      if (!answer) return portalSessionNotFound(decided.session_id);
      return { state, emitted: decided.events, answer };
    },
  };
}

async function run(ctx: AppContext, unit: ParticipantUnit<PortalSessionDetail>): Promise<PortalSessionDetail> {
  const [result] = await ctx.storage.participants.run(ctx.workspaceId, [unit]);
  return unwrap(result as PortalSessionDetail | DomainError);
}

/**
 * A participant's `Idempotency-Key` (docs/surfaces.md#idempotency): the keys table is per workspace, so
 * the stored key names the participant too. Two participants may use the same key; neither ever gets
 * the other's answer.
 */
const portalIdempotency = (participantId: string, retry: { key: string; request: unknown }, now: string) => ({
  key: `portal:${participantId}:${retry.key}`,
  scope: 'portal.sessions.start',
  request: retry.request,
  now,
});

/**
 * Starts the current stage's session now, or books it for `input.at`. With an `idempotencyKey`, a
 * retry with the same key and input answers the session the first request made (no second session).
 */
export function startPortalSession(
  ctx: PortalAppContext,
  participantId: string,
  input: PortalStartInput,
  idempotencyKey?: string,
) {
  return run(
    ctx,
    portalUnit(
      ctx,
      participantId,
      (state, dc) => decidePortalStart(state, input, dc),
      idempotencyKey === undefined ? undefined : { key: idempotencyKey, request: input },
    ),
  );
}

/**
 * The participant is done with their in-progress session, or its interview ended (`endedBy`,
 * docs/rules.md#the-interview); a reviewer records its result.
 */
export function finishPortalSession(
  ctx: PortalAppContext,
  participantId: string,
  sessionId: string,
  endedBy?: 'participant' | 'interviewer' | 'time',
) {
  return run(
    ctx,
    portalUnit(ctx, participantId, (state, dc) => {
      const events = decidePortalFinish(state, sessionId, dc, endedBy);
      return events instanceof DomainError ? events : { events, session_id: sessionId };
    }),
  );
}

/** The participant's own session, or NOT_FOUND (unknown, or another participant's). */
export async function readPortalSession(
  ctx: PortalAppContext,
  participantId: string,
  sessionId: string,
): Promise<PortalSessionDetail> {
  const loaded = await ctx.reads.participants.load.participant(ctx.workspaceId, participantId);
  return unwrap((loaded && portalSession(loaded.state, sessionId, ctx.copy)) ?? portalSessionNotFound(sessionId));
}

/**
 * The participant withdraws from their evaluation through the domain's withdraw command, as themselves
 * (docs/rules.md#moving-a-participant-by-hand): whatever is open at their stage ends first.
 */
export async function withdrawFromPortal(
  ctx: AppContext,
  participantId: string,
  input: PortalWithdrawInput = {},
): Promise<void> {
  await runParticipantCommand(
    ctx,
    { participantId },
    { type: 'withdraw', ...WithdrawParticipantInput.parse({ participant_id: participantId, note: input.note }) },
    () => undefined,
  );
}
