import { writeTx } from '@stageflow/db';
import {
  AgentProfile,
  CreateAgentProfileInput,
  ListAgentProfilesInput,
  newAgentProfile,
  notFound,
  UpdateAgentProfileInput,
  unwrap,
  updateAgentProfile,
} from '@stageflow/domain';
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';

const load = (ctx: Context, id: string) =>
  unwrap(ctx.repos.agentProfiles.byId(ctx.workspaceId, id) ?? notFound('Agent profile', id));

export const agentProfilesRouter = router({
  list: scoped('agent_profiles.read')
    .input(ListAgentProfilesInput)
    .query(({ ctx, input }) => ctx.repos.agentProfiles.list(ctx.workspaceId, input)),

  byId: scoped('agent_profiles.read')
    .input(ByIdInput)
    .query(({ ctx, input }) => load(ctx, input.id)),

  create: scoped('agent_profiles.write')
    .input(CreateAgentProfileInput)
    .output(AgentProfile)
    .mutation(({ ctx, input }) => {
      const profile = newAgentProfile(input, ctx.newId(), ctx.now());
      writeTx(ctx.db, (tx) => ctx.repos.agentProfiles.insert(tx, ctx.workspaceId, profile));
      return profile;
    }),

  update: scoped('agent_profiles.write')
    .input(UpdateAgentProfileInput)
    .output(AgentProfile)
    .mutation(({ ctx, input: { id, ...patch } }) =>
      writeTx(ctx.db, (tx) => {
        const profile = updateAgentProfile(load(ctx, id), patch, ctx.now());
        ctx.repos.agentProfiles.update(tx, ctx.workspaceId, profile);
        return profile;
      }),
    ),

  /** Stages that use it keep their reference; new stages cannot pick it. */
  archive: scoped('agent_profiles.write')
    .input(ByIdInput)
    .output(AgentProfile)
    .mutation(({ ctx, input }) =>
      writeTx(ctx.db, (tx) => {
        const profile = { ...load(ctx, input.id), status: 'archived' as const, updated_at: ctx.now() };
        ctx.repos.agentProfiles.update(tx, ctx.workspaceId, profile);
        return profile;
      }),
    ),
});
