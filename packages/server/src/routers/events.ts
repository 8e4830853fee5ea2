import { ListEventsInput } from '@stageflow/domain';
import { router, scoped } from '../trpc.ts';
import { EventPage } from './outputs.ts';

export const eventsRouter = router({
  /** The audit trail by participant, template or the whole workspace, newest first. */
  list: scoped('events.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/events',
        tags: ['Events'],
        summary: 'The audit trail, newest first',
        description: 'By participant, template or the whole workspace; page with `before_seq`.',
      },
    })
    .input(ListEventsInput)
    .output(EventPage)
    .query(({ ctx, input }) => ctx.reads.participants.events(ctx.workspaceId, input)),
});
