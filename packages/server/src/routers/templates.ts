import {
  CreateTemplateInput,
  DuplicateTemplateInput,
  ListTemplatesInput,
  liveStages,
  notFound,
  UpdateTemplateInput,
  unwrap,
  validatePipeline,
} from '@stageflow/domain';
import { z } from 'zod';
import {
  archiveTemplate,
  createTemplate,
  duplicateTemplateWithStages,
  updateTemplateFields,
} from '../application/catalog.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { EvaluationTemplate, TemplateListItem, TemplateWithStages } from './outputs.ts';

export const templatesRouter = router({
  /**
   * Each template with its live stage names, loaded in one query for the whole list, and whether its
   * pipeline can take participants (docs/rules.md#pipeline-validation).
   */
  list: scoped('evaluation_templates.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/evaluation-templates',
        tags: ['Evaluation templates'],
        summary: 'List templates',
      },
    })
    .input(ListTemplatesInput)
    .output(z.array(TemplateListItem))
    .query(async ({ ctx, input }) => {
      // The stages of the templates listed, as they were when the list was read.
      const { templates, stages } = await ctx.storage.snapshot(function* (r) {
        const templates = yield* r.templates.list(ctx.workspaceId, input);
        const ids = templates.map((t) => t.id);
        return { templates, stages: yield* r.stages.liveOfTemplates(ctx.workspaceId, ids) };
      });
      return templates.map((t) => {
        const own = stages.filter((s) => s.evaluation_template_id === t.id);
        const blocking = validatePipeline(own).filter((p) => p.blocking).length;
        const names = own.map((s) => s.stage_name);
        return { ...t, stage_count: names.length, stage_names: names, runnable: blocking === 0, problems: blocking };
      });
    }),

  byId: scoped('evaluation_templates.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/evaluation-templates/{id}',
        tags: ['Evaluation templates'],
        summary: 'Get a template with its stages',
      },
    })
    .input(ByIdInput)
    .output(TemplateWithStages)
    .query(async ({ ctx, input }) => {
      const pipeline = unwrap(
        (await ctx.reads.pipelines.load(ctx.workspaceId, input.id)) ?? notFound('Evaluation template', input.id),
      );
      return { ...pipeline.template, stages: liveStages(pipeline.stages) };
    }),

  create: scoped('evaluation_templates.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/evaluation-templates',
        tags: ['Evaluation templates'],
        summary: 'Create a template',
      },
    })
    .input(CreateTemplateInput)
    .output(EvaluationTemplate)
    .mutation(({ ctx, input }) => createTemplate(ctx, input)),

  update: scoped('evaluation_templates.write')
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/evaluation-templates/{id}',
        tags: ['Evaluation templates'],
        summary: 'Update a template',
      },
    })
    .input(UpdateTemplateInput)
    .output(EvaluationTemplate)
    .mutation(({ ctx, input: { id, ...patch } }) => updateTemplateFields(ctx, id, patch)),

  archive: scoped('evaluation_templates.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/evaluation-templates/{id}/archive',
        tags: ['Evaluation templates'],
        summary: 'Archive a template',
      },
    })
    .input(ByIdInput)
    .output(EvaluationTemplate)
    .mutation(({ ctx, input }) => archiveTemplate(ctx, input.id)),

  /** A draft copy with copies of the live stages, in one transaction. */
  duplicate: scoped('evaluation_templates.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/evaluation-templates/{id}/duplicate',
        tags: ['Evaluation templates'],
        summary: 'Duplicate a template with its live stages, as a draft',
      },
    })
    .input(DuplicateTemplateInput)
    .output(EvaluationTemplate)
    .mutation(({ ctx, input }) => duplicateTemplateWithStages(ctx, input.id, input.template_name)),
});
