import {
  hasRole,
  ListMailInput,
  MailByIdInput,
  MailMessage,
  MailPage,
  MailPreferences,
  MailSetup,
  notFound,
  UpdateMailPreferencesInput,
  unwrap,
} from '@stageflow/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { setReviewDigest } from '../application/mail.ts';
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';

/** The member asking: these procedures' scopes are for members only, so the principal is a user. */
function memberOf(ctx: Context) {
  const { principal } = ctx;
  if (principal.kind !== 'user' || !principal.role) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only members have mail settings: sign in' });
  }
  return { userId: principal.userId, role: principal.role };
}

const preferencesOf = async (ctx: Context): Promise<MailPreferences> => {
  const { userId, role } = memberOf(ctx);
  return {
    review_digest: await ctx.reads.mail.reviewDigest(ctx.workspaceId, userId),
    can_receive_review_digest: hasRole(role, 'reviewer'),
  };
};

/**
 * Outgoing mail (docs/mail.md): whether it is set up, the workspace's outbox (owners: it holds links
 * that let people in), and each member's own digest setting.
 */
export const mailRouter = router({
  /** For the app to say, before anyone sends, whether a link will be emailed or must be copied. */
  setup: scoped('workspace.read')
    .output(MailSetup)
    .query(({ ctx }) => ctx.mail.setup),

  list: scoped('mail.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/mail/outbox',
        tags: ['Mail'],
        summary: "The workspace's mail outbox, newest first",
        description:
          'Every message Stageflow wrote for this workspace and where it stands: `queued` (waiting to be sent or tried again at `next_attempt_at`), `sent`, `failed` (given up; `last_error` says why) or `not_sent` (mail was not set up: kept here, never sent). Filter by `status` and `kind`; page with `cursor` (`next_cursor` of the page before). Owners only, signed in.',
      },
    })
    .input(ListMailInput)
    .output(MailPage)
    .query(({ ctx, input }) => ctx.reads.mail.list(ctx.workspaceId, input)),

  byId: scoped('mail.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/mail/outbox/{id}',
        tags: ['Mail'],
        summary: 'One message of the outbox, with its text and HTML',
        description:
          'Once a message has left (sent or given up) its portal link is cut to `sfp_…`: the database keeps no working link it no longer needs.',
      },
    })
    .input(MailByIdInput)
    .output(MailMessage)
    .query(async ({ ctx, input }) =>
      unwrap((await ctx.reads.mail.byId(ctx.workspaceId, input.id)) ?? notFound('Message', input.id)),
    ),

  preferences: scoped('workspace.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/mail/preferences',
        tags: ['Mail'],
        summary: 'Your own mail settings in this workspace',
        description:
          '`review_digest`: the daily email of open decisions; `can_receive_review_digest`: whether your role decides (reviewer and above). Signed-in members only.',
      },
    })
    .input(z.strictObject({}))
    .output(MailPreferences)
    .query(({ ctx }) => preferencesOf(ctx)),

  updatePreferences: scoped('mail_preferences.write')
    .meta({
      openapi: {
        method: 'PUT',
        path: '/mail/preferences',
        tags: ['Mail'],
        summary: 'Turn your daily digest of open decisions on or off',
        description: `Reviewers, admins and owners. The digest goes once a day while decisions are open in this workspace, when mail is set up.`,
      },
    })
    .input(UpdateMailPreferencesInput)
    .output(MailPreferences)
    .mutation(async ({ ctx, input }) => {
      await setReviewDigest(ctx, memberOf(ctx).userId, input.review_digest);
      return preferencesOf(ctx);
    }),
});
