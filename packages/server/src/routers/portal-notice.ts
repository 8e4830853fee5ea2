import { PortalNoticeSettings, UpdatePortalNoticeInput } from '@stageflow/domain';
import { z } from 'zod';
import { savePortalNotice } from '../application/portal-notice.ts';
import { router, scoped } from '../trpc.ts';

/** What the workspace says in every AI notice; `null` fields are unset (the notice uses its general words). */
const PortalNotice = PortalNoticeSettings.meta({ id: 'PortalNoticeSettings' });

/** The workspace's AI notice settings (docs/entities.md#portal-notice-settings). */
export const portalNoticeRouter = router({
  get: scoped('portal_notice.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/portal-notice',
        tags: ['Portal notice'],
        summary: 'The AI notice settings participants read before an AI-run stage',
        description:
          'Organisation, contact and transcript retention. A field that is `null` is unset: the notice then names the workspace, tells the participant to reply to the message their link came in, and says the transcript is kept only as long as needed.',
      },
    })
    .input(z.strictObject({}))
    .output(PortalNotice)
    .query(({ ctx }) => ctx.reads.portalNotice.get(ctx.workspaceId)),

  update: scoped('portal_notice.write')
    .meta({
      openapi: {
        method: 'PUT',
        path: '/portal-notice',
        tags: ['Portal notice'],
        summary: 'Replace the AI notice settings',
        description:
          'Replaces the settings whole: a field left out, `""` or `null` is unset. `organization` at most 200 characters, `contact` at most 500, `transcript_retention_days` a whole number from 1 to 3650.',
      },
    })
    .input(UpdatePortalNoticeInput)
    .output(PortalNotice)
    .mutation(({ ctx, input }) => savePortalNotice(ctx, input)),
});
