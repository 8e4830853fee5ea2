import { notFound, Uuid, unwrap } from '@stageflow/domain';
import { z } from 'zod';
import { authorize } from '../auth/authorize.ts';
import { router, scoped, signedInProcedure } from '../trpc.ts';

/** The signed-in person: who they are, where they work, and the workspace's people. */
export const accountRouter = router({
  me: signedInProcedure.query(({ ctx }) => {
    const { principal } = ctx;
    const user = unwrap(ctx.repos.members.user(principal.userId) ?? notFound('User', principal.userId));
    const workspaces = ctx.repos.members.workspacesOf(principal.userId);
    return {
      user,
      workspaces,
      active_workspace: workspaces.find((w) => w.id === principal.workspaceId) ?? null,
      role: principal.role,
      /** Whether they may read the self-identification figures (owners, and admins an owner granted them). */
      reads_demographics: authorize(principal, 'demographics.read', ctx.repos.memberGrants.scopesOf).ok,
    };
  }),

  /**
   * An invitation as its link shows it, before the invitee accepts (through better-auth). Only
   * the invited address sees it: to anyone else it does not exist.
   */
  invitation: signedInProcedure.input(z.strictObject({ id: Uuid })).query(({ ctx, input }) => {
    const user = ctx.repos.members.user(ctx.principal.userId);
    const invitation = ctx.repos.members.invitation(input.id);
    const forMe = invitation && user && invitation.email.toLowerCase() === user.email.toLowerCase();
    if (!forMe) throw notFound('Invitation', input.id);
    return { ...invitation, expires_at: invitation.expires_at.toISOString() };
  }),

  members: scoped('workspace.read').query(({ ctx }) => ({
    // better-auth keeps these times as Dates; the wire has ISO strings like every other time.
    members: ctx.repos.members.list(ctx.workspaceId).map((m) => ({ ...m, joined_at: m.joined_at.toISOString() })),
    invitations: ctx.repos.members
      .pendingInvitations(ctx.workspaceId)
      .map((i) => ({ ...i, expires_at: i.expires_at.toISOString() })),
  })),
});
