import {
  CreateAgentProfileInput,
  ListAgentProfilesInput,
  notFound,
  UpdateAgentProfileInput,
  unwrap,
} from '@stageflow/domain';
import { z } from 'zod';
import { archiveAgentProfile, createAgentProfile, updateAgentProfileFields } from '../application/catalog.ts';
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { AgentProfile } from './outputs.ts';

const load = async (ctx: Context, id: string) =>
  unwrap((await ctx.reads.agentProfiles.byId(ctx.workspaceId, id)) ?? notFound('Agent profile', id));

export const agentProfilesRouter = router({
  list: scoped('agent_profiles.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/agent-profiles',
        tags: ['Agent profiles'],
        summary: 'List agent profiles (interviewers)',
      },
    })
    .input(ListAgentProfilesInput)
    .output(z.array(AgentProfile))
    .query(({ ctx, input }) => ctx.reads.agentProfiles.list(ctx.workspaceId, input)),

  byId: scoped('agent_profiles.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/agent-profiles/{id}',
        tags: ['Agent profiles'],
        summary: 'Get an agent profile',
      },
    })
    .input(ByIdInput)
    .output(AgentProfile)
    .query(({ ctx, input }) => load(ctx, input.id)),

  create: scoped('agent_profiles.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/agent-profiles',
        tags: ['Agent profiles'],
        summary: 'Create an agent profile',
      },
    })
    .input(CreateAgentProfileInput)
    .output(AgentProfile)
    .mutation(({ ctx, input }) => createAgentProfile(ctx, input)),

  update: scoped('agent_profiles.write')
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/agent-profiles/{id}',
        tags: ['Agent profiles'],
        summary: 'Update an agent profile',
      },
    })
    .input(UpdateAgentProfileInput)
    .output(AgentProfile)
    .mutation(({ ctx, input: { id, ...patch } }) => updateAgentProfileFields(ctx, id, patch)),

  /** Stages that use it keep their reference; new stages cannot pick it. */
  archive: scoped('agent_profiles.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/agent-profiles/{id}/archive',
        tags: ['Agent profiles'],
        summary: 'Archive an agent profile',
      },
    })
    .input(ByIdInput)
    .output(AgentProfile)
    .mutation(({ ctx, input }) => archiveAgentProfile(ctx, input.id)),
});
