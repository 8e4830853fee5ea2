import { DecideInput, ListDecisionsInput } from '@stageflow/domain';
import { router, scoped } from '../trpc.ts';
import { decisionTarget, participantView, runCommand } from './participant-commands.ts';

export const decisionsRouter = router({
  /** Open decisions oldest first (the reviewers' inbox), or decided ones newest first. */
  list: scoped('participants.read')
    .input(ListDecisionsInput)
    .query(({ ctx, input }) => ctx.repos.participants.decisions(ctx.workspaceId, input)),

  /** For the sidebar badge. */
  openCount: scoped('participants.read').query(({ ctx }) => ctx.repos.participants.openDecisionCount(ctx.workspaceId)),

  /** advance / reject / retake; going against the suggestion or granting a retake needs a note. */
  decide: scoped('decisions.write')
    .input(DecideInput)
    .mutation(({ ctx, input }) => {
      const target = decisionTarget(ctx, input.decision_id);
      runCommand(ctx, target, { type: 'decide', ...input });
      const participant = participantView(ctx, target.participantId);
      return { decision: participant.decisions.find((d) => d.id === input.decision_id)!, participant };
    }),
});
