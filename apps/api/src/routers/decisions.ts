import { DecideInput, ListDecisionsInput } from '@stageflow/domain';
import { publicProcedure, router } from '../trpc.ts';
import { decisionTarget, participantView, runCommand } from './participant-commands.ts';

export const decisionsRouter = router({
  /** Open decisions oldest first (the reviewers' inbox), or decided ones newest first. */
  list: publicProcedure
    .input(ListDecisionsInput)
    .query(({ ctx, input }) => ctx.repos.participants.decisions(ctx.workspaceId, input)),

  /** For the sidebar badge. */
  openCount: publicProcedure.query(({ ctx }) => ctx.repos.participants.openDecisionCount(ctx.workspaceId)),

  /** advance / reject / retake; going against the suggestion or granting a retake needs a note. */
  decide: publicProcedure.input(DecideInput).mutation(({ ctx, input }) => {
    const target = decisionTarget(ctx, input.decision_id);
    runCommand(ctx, target, { type: 'decide', ...input });
    const participant = participantView(ctx, target.participantId);
    return { decision: participant.decisions.find((d) => d.id === input.decision_id)!, participant };
  }),
});
