import { ListEventsInput } from '@stageflow/domain';
import { router, scoped } from '../trpc.ts';

export const eventsRouter = router({
  /** The audit trail by participant, template or the whole workspace, newest first. */
  list: scoped('events.read')
    .input(ListEventsInput)
    .query(({ ctx, input }) => ctx.repos.participants.events(ctx.workspaceId, input)),
});
