import { notFound, Uuid, unwrap } from '@stageflow/domain';
import { z } from 'zod';
import { authorize, grantsIn } from '../auth/authorize.ts';
import { router, scoped, signedInProcedure } from '../trpc.ts';

/** The signed-in person: who they are, where they work, and the workspace's people. */
export const accountRouter = router({
  me: signedInProcedure.query(async ({ ctx }) => {
    const { principal } = ctx;
    const { user, workspaces } = await ctx.storage.snapshot(function* (r) {
      return {
        user: yield* r.members.user(principal.userId),
        workspaces: yield* r.members.workspacesOf(principal.userId),
      };
    });
    return {
      user: unwrap(user ?? notFound('User', principal.userId)),
      workspaces,
      active_workspace: workspaces.find((w) => w.id === principal.workspaceId) ?? null,
      role: principal.role,
      /** Whether they may read the self-identification figures (owners, and admins an owner granted them). */
      reads_demographics: (await authorize(principal, 'demographics.read', grantsIn(ctx.reads))).ok,
    };
  }),

  /**
   * An invitation as its link shows it, before the invitee accepts (through better-auth). Only
   * the invited address sees it: to anyone else it does not exist.
   */
  invitation: signedInProcedure.input(z.strictObject({ id: Uuid })).query(async ({ ctx, input }) => {
    const user = await ctx.reads.members.user(ctx.principal.userId);
    const invitation = await ctx.reads.members.invitation(input.id);
    const forMe = invitation && user && invitation.email.toLowerCase() === user.email.toLowerCase();
    if (!forMe) throw notFound('Invitation', input.id);
    return { ...invitation, expires_at: invitation.expires_at.toISOString() };
  }),

  members: scoped('workspace.read').query(async ({ ctx }) => ({
    // better-auth keeps these times as Dates; the wire has ISO strings like every other time.
    members: (await ctx.reads.members.list(ctx.workspaceId)).map((m) => ({
      ...m,
      joined_at: m.joined_at.toISOString(),
    })),
    invitations: (await ctx.reads.members.pendingInvitations(ctx.workspaceId)).map((i) => ({
      ...i,
      expires_at: i.expires_at.toISOString(),
    })),
  })),
});
