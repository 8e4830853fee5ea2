import type { ParticipantOutcome, ParticipantUnit, Reads } from '@stageflow/db';
import {
  aiStageNotice,
  currentConsent,
  DomainError,
  decidePortalConsent,
  evolveParticipant,
  type ParticipantState,
  type PortalConsentInput,
  type PortalConsentView,
  type PortalCopy,
  participantConflict,
  refusal,
  unwrap,
} from '@stageflow/domain';
import { decideContext, type PortalAppContext } from './context.ts';
import { touched } from './participant-commands.ts';

/**
 * The AI notice of a participant's current stage and their answer to it, from their portal
 * (docs/rules.md#consent-to-an-ai-run-stage). The notice is the domain's (`aiStageNotice`); this
 * gathers what it is built from: the stage's interviewer, the template, the workspace and its notice
 * settings, and words it in the participant's language (`ctx.copy`).
 */

/** The notice view of the participant's current stage in `state`, or why there is none (CONFLICT). */
async function consentView(
  reads: Reads,
  workspaceId: string,
  state: ParticipantState,
  copy: PortalCopy,
): Promise<PortalConsentView | DomainError> {
  const consent = currentConsent(state);
  const participant = state.participant;
  const progress = state.progress.find((p) => p.left_at === null);
  if (!participant) return participantConflict(refusal('evaluationNotFound'));
  if (participant.status !== 'active') return participantConflict(refusal('ended', participant.status));
  const stage = progress && (await reads.stages.byId(workspaceId, progress.stage_id));
  if (!progress || !stage) return participantConflict(refusal('notAtStage'));
  if (consent === null) return participantConflict(refusal('notAiRun', stage.stage_name));
  const interviewer = stage.agent_profile_id
    ? await reads.agentProfiles.byId(workspaceId, stage.agent_profile_id)
    : null;
  const template = await reads.templates.byId(workspaceId, participant.evaluation_template_id);
  const workspace = await reads.workspaces.byId(workspaceId);
  const settings = await reads.portalNotice.get(workspaceId);
  return {
    stage_id: stage.id,
    consent,
    notice: aiStageNotice(
      {
        stage,
        rules: progress.rules,
        interviewer: interviewer ?? null,
        template: { template_name: template?.template_name ?? '' },
        workspace: { name: workspace?.name ?? copy.notice.theTeam },
        settings,
      },
      copy,
    ),
  };
}

/** The participant's current AI notice and where they stand with it; CONFLICT when they have none now. */
export async function readPortalConsent(ctx: PortalAppContext, participantId: string): Promise<PortalConsentView> {
  const loaded = await ctx.reads.participants.load.participant(ctx.workspaceId, participantId);
  if (!loaded) throw participantConflict(refusal('evaluationNotFound'));
  return unwrap(await consentView(ctx.reads, ctx.workspaceId, loaded.state, ctx.copy));
}

/**
 * Accepts or declines the notice of their current stage, as the participant; answers the view afterwards.
 * The step stays pure (it reads nothing): it answers the participant as stored, and the view's stage,
 * interviewer, template and notice settings are read once the transaction is over.
 */
export async function answerPortalConsent(
  ctx: PortalAppContext,
  participantId: string,
  input: PortalConsentInput,
): Promise<PortalConsentView> {
  const dc = decideContext(ctx);
  const unit: ParticipantUnit<ParticipantState> = {
    target: { participantId },
    step: ({ loaded }): ParticipantOutcome<ParticipantState> | DomainError => {
      const emitted = decidePortalConsent(loaded.state, input, dc);
      if (emitted instanceof DomainError) return emitted;
      const state =
        emitted.length === 0 ? loaded.state : touched(emitted.reduce(evolveParticipant, loaded.state), dc.now);
      return { state, emitted, answer: state };
    },
  };
  const [result] = await ctx.storage.participants.run(ctx.workspaceId, [unit]);
  const state = unwrap(result as ParticipantState | DomainError);
  return unwrap(await consentView(ctx.reads, ctx.workspaceId, state, ctx.copy));
}
