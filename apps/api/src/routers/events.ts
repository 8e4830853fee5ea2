import { ListEventsInput } from '@stageflow/domain';
import { publicProcedure, router } from '../trpc.ts';

export const eventsRouter = router({
  /** The audit trail by participant, template or the whole workspace, newest first. */
  list: publicProcedure
    .input(ListEventsInput)
    .query(({ ctx, input }) => ctx.repos.participants.events(ctx.workspaceId, input)),
});
