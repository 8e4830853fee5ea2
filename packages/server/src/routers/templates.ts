import { writeTx } from '@stageflow/db';
import {
  CreateTemplateInput,
  copyLiveStages,
  DuplicateTemplateInput,
  duplicateTemplate,
  ListTemplatesInput,
  liveStages,
  newTemplate,
  notFound,
  UpdateTemplateInput,
  unwrap,
  updateTemplate,
} from '@stageflow/domain';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { EvaluationTemplate, TemplateListItem, TemplateWithStages } from './outputs.ts';

const load = (ctx: Context, id: string) =>
  unwrap(ctx.repos.templates.byId(ctx.workspaceId, id) ?? notFound('Evaluation template', id));

export const templatesRouter = router({
  /** Each template with its live stage names, loaded in one query for the whole list. */
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
    .query(({ ctx, input }) => {
      const templates = ctx.repos.templates.list(ctx.workspaceId, input);
      const stages = ctx.repos.stages.liveOfTemplates(
        ctx.workspaceId,
        templates.map((t) => t.id),
      );
      return templates.map((t) => {
        const names = stages.filter((s) => s.evaluation_template_id === t.id).map((s) => s.stage_name);
        return { ...t, stage_count: names.length, stage_names: names };
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
    .query(({ ctx, input }) => {
      const pipeline = unwrap(
        ctx.repos.pipelines.load(ctx.workspaceId, input.id) ?? notFound('Evaluation template', input.id),
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
    .mutation(({ ctx, input }) => {
      const template = newTemplate(input, ctx.newId(), ctx.now());
      writeTx(ctx.db, (tx) => ctx.repos.templates.insert(tx, ctx.workspaceId, template));
      return template;
    }),

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
    .mutation(({ ctx, input: { id, ...patch } }) =>
      writeTx(ctx.db, (tx) => {
        const template = unwrap(updateTemplate(load(ctx, id), patch, ctx.now()));
        ctx.repos.templates.update(tx, ctx.workspaceId, template);
        return template;
      }),
    ),

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
    .mutation(({ ctx, input }) =>
      writeTx(ctx.db, (tx) => {
        const template = { ...load(ctx, input.id), status: 'archived' as const, updated_at: ctx.now() };
        ctx.repos.templates.update(tx, ctx.workspaceId, template);
        return template;
      }),
    ),

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
    .mutation(({ ctx, input }) =>
      writeTx(ctx.db, (tx) => {
        const now = ctx.now();
        const source = unwrap(
          ctx.repos.pipelines.load(ctx.workspaceId, input.id) ?? notFound('Evaluation template', input.id),
        );
        const copy = duplicateTemplate(source.template, ctx.newId(), now, input.template_name);
        ctx.repos.templates.insert(tx, ctx.workspaceId, copy);
        for (const stage of copyLiveStages(source.stages, copy.id, { newId: () => ctx.newId(), now })) {
          ctx.repos.stages.insert(tx, ctx.workspaceId, stage);
        }
        return copy;
      }),
    ),
});
