import type { Pipeline } from '@stageflow/db';
import {
  type AgentProfile,
  copyLiveStages,
  copyName,
  duplicateTemplate,
  type EvaluationTemplate,
  newAgentProfile,
  newTemplate,
  notFound,
  templateNameIssue,
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

/** A template with no stages yet, under a name no other live template has (docs/rules.md#template-names). */
export async function createTemplate(ctx: AppContext, input: NewTemplate): Promise<EvaluationTemplate> {
  const template = newTemplate(input, ctx.newId(), ctx.now());
  const created = await ctx.storage.pipelines.create(
    ctx.workspaceId,
    null,
    (_, others) => templateNameIssue(template, others) ?? { template, stages: [] },
  );
  return unwrap(created).template;
}

/** A draft copy with copies of the live stages (new ids), in one transaction; unnamed, it is "… (copy)". */
export async function duplicateTemplateWithStages(
  ctx: AppContext,
  sourceId: string,
  name: string | undefined,
): Promise<EvaluationTemplate> {
  const now = ctx.now();
  const copy = await ctx.storage.pipelines.create(
    ctx.workspaceId,
    sourceId,
    (source, others): Pipeline | ReturnType<typeof notFound> => {
      if (!source) return notFound('Evaluation template', sourceId);
      const named = name ?? copyName(source.template.template_name, others);
      const template = duplicateTemplate(source.template, ctx.newId(), now, named);
      const taken = templateNameIssue(template, others);
      if (taken) return taken;
      return { template, stages: copyLiveStages(source.stages, template.id, { newId: ctx.newId, now }) };
    },
  );
  return unwrap(copy).template;
}

/**
 * Edits the template's own fields; its stages and version are left as they are. A renamed or restored
 * template is held to the name rule (docs/rules.md#template-names).
 */
export async function changeTemplate(
  ctx: AppContext,
  id: string,
  edit: (template: EvaluationTemplate, now: string) => EvaluationTemplate | ReturnType<typeof notFound>,
): Promise<EvaluationTemplate> {
  const now = ctx.now();
  const result = await ctx.storage.pipelines.change(
    ctx.workspaceId,
    id,
    (before, _, others) => {
      const template = edit(before.template, now);
      if (template instanceof Error) return template;
      return templateNameIssue(template, others, before.template) ?? { template, stages: before.stages };
    },
    { withNames: true },
  );
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
