import { BulkActionInput, BulkAction as BulkActionShape, MAX_BULK_PARTICIPANTS } from '@stageflow/domain';
import { TRPCError } from '@trpc/server';
import { applyBulkAction, bulkActionById, previewBulkAction } from '../application/bulk-actions.ts';
import { authorize } from '../auth/authorize.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';

export const BulkAction = BulkActionShape.meta({ id: 'BulkAction' });

const limit = MAX_BULK_PARTICIPANTS.toLocaleString('en');

/** Bulk actions on participants, previewed then applied (docs/rules.md#bulk-actions). */
export const bulkActionsRouter = router({
  create: scoped('participants.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/bulk-actions',
        tags: ['Participants'],
        summary: `Preview or apply a bulk action (advance, reject, withdraw, tag, schedule, send_portal_link) on up to ${limit} participants`,
        description: [
          `Who: \`participant_ids\` (up to ${limit}), or \`filter\` (the list's \`evaluation_template_id\`, \`stage_id\`, \`status\`, \`search\`: everyone it matches, up to ${limit}). What: \`action\` with its parameter: \`note\` (advance, reject, withdraw: required where the single move requires one), \`tags: { add, remove }\` (tag), \`schedule: { scheduled_at, timezone, notes }\` (schedule; needs the \`sessions.write\` scope too), \`expires_in_days\` (send_portal_link: default 30, at most 90; needs the \`portal_links.write\` scope too).`,
          'send_portal_link emails each person a new portal link exactly as `POST /participants/{participant_id}/portal-link/send` does (a link still working is revoked), the link and its message written in one transaction. Refused per person: no email address, or an evaluation that has ended (completed, rejected, withdrawn). When mail is not set up each message is kept in the outbox, not sent, and each `summary` says so.',
          'With `dry_run: true` nothing is stored: each person’s command is decided as applying it would be now, and `items` says for each what it does (`applied`, `unchanged`) or why it is refused, in the single command’s words, with its `code` and `field`.',
          'With `dry_run: false` the bulk action is stored and answered at once with `status: running`; each person’s command then runs in a transaction of its own, its events carrying the bulk action’s id. `GET /participants/bulk-actions/{id}` follows `processed` of `total` until `status: completed`. Send an `Idempotency-Key` header to retry safely: a retry answers the bulk action the first request started.',
        ].join('\n\n'),
      },
    })
    .input(BulkActionInput)
    .output(BulkAction)
    .mutation(async ({ ctx, input }) => {
      // Scheduling is a session command: a caller who may not schedule one may not schedule many.
      // Likewise sending links: a caller who may not email one portal link may not email many.
      const scope =
        input.action === 'schedule'
          ? 'sessions.write'
          : input.action === 'send_portal_link'
            ? 'portal_links.write'
            : null;
      if (scope) {
        const access = await authorize(ctx.principal, scope);
        if (!access.ok) throw new TRPCError({ code: access.code, message: access.message });
      }
      return input.dry_run ? previewBulkAction(ctx, input) : applyBulkAction(ctx, input);
    }),

  byId: scoped('participants.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/participants/bulk-actions/{id}',
        tags: ['Participants'],
        summary: 'Get a bulk action: its progress and what happened to each person',
        description:
          '`processed` of `total` while `status` is `running`; `items` lists each person in order with their `outcome` (`pending`, `applied`, `unchanged`, `refused`), what it did (`summary`) or why not (`reason`).',
      },
    })
    .input(ByIdInput)
    .output(BulkAction)
    .query(({ ctx, input }) => bulkActionById(ctx, input.id)),
});
