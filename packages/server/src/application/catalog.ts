import type { Pipeline } from '@stageflow/db';
import {
  type AgentProfile,
  copyLiveStages,
  duplicateTemplate,
  type EvaluationTemplate,
  newAgentProfile,
  newTemplate,
  notFound,
  unwrap,
  updateAgentProfile,
  updateTemplate,
} from '@stageflow/domain';
import type { AppContext } from './context.ts';

// The commands on templates and interviewers: each one transaction through the storage port, the
// rule (defaults, patches, what a copy keeps) from the domain.

type NewTemplate = Parameters<typeof newTemplate>[0];
type TemplatePatch = Parameters<typeof updateTemplate>[1];
type NewProfile = Parameters<typeof newAgentProfile>[0];
type ProfilePatch = Parameters<typeof updateAgentProfile>[1];

/** A template with no stages yet. */
export async function createTemplate(ctx: AppContext, input: NewTemplate): Promise<EvaluationTemplate> {
  const template = newTemplate(input, ctx.newId(), ctx.now());
  return unwrap(await ctx.storage.pipelines.create(ctx.workspaceId, null, () => ({ template, stages: [] }))).template;
}

/** A draft copy with copies of the live stages (new ids), in one transaction. */
export async function duplicateTemplateWithStages(
  ctx: AppContext,
  sourceId: string,
  name: string | undefined,
): Promise<EvaluationTemplate> {
  const now = ctx.now();
  const copy = await ctx.storage.pipelines.create(
    ctx.workspaceId,
    sourceId,
    (source): Pipeline | ReturnType<typeof notFound> => {
      if (!source) return notFound('Evaluation template', sourceId);
      const template = duplicateTemplate(source.template, ctx.newId(), now, name);
      return { template, stages: copyLiveStages(source.stages, template.id, { newId: ctx.newId, now }) };
    },
  );
  return unwrap(copy).template;
}

/** Edits the template's own fields; its stages and version are left as they are. */
export async function changeTemplate(
  ctx: AppContext,
  id: string,
  edit: (template: EvaluationTemplate, now: string) => EvaluationTemplate | ReturnType<typeof notFound>,
): Promise<EvaluationTemplate> {
  const now = ctx.now();
  const result = await ctx.storage.pipelines.change(ctx.workspaceId, id, (before) => {
    const template = edit(before.template, now);
    return template instanceof Error ? template : { template, stages: before.stages };
  });
  return unwrap(result).template;
}

export const updateTemplateFields = (ctx: AppContext, id: string, patch: TemplatePatch) =>
  changeTemplate(ctx, id, (template, now) => updateTemplate(template, patch, now));

export const archiveTemplate = (ctx: AppContext, id: string) =>
  changeTemplate(ctx, id, (template, now) => ({ ...template, status: 'archived', updated_at: now }));

export async function createAgentProfile(ctx: AppContext, input: NewProfile): Promise<AgentProfile> {
  return ctx.storage.agentProfiles.insert(ctx.workspaceId, newAgentProfile(input, ctx.newId(), ctx.now()));
}

export async function updateAgentProfileFields(ctx: AppContext, id: string, patch: ProfilePatch) {
  const now = ctx.now();
  return unwrap(await ctx.storage.agentProfiles.change(ctx.workspaceId, id, (p) => updateAgentProfile(p, patch, now)));
}

/** Stages that use it keep their reference; new stages cannot pick it. */
export async function archiveAgentProfile(ctx: AppContext, id: string) {
  const now = ctx.now();
  return unwrap(
    await ctx.storage.agentProfiles.change(ctx.workspaceId, id, (p) => ({ ...p, status: 'archived', updated_at: now })),
  );
}
