import type { StageUsage } from '@stageflow/db';
import {
  addStage,
  archiveRefusal,
  archiveStage,
  CreateStageInput,
  checkInterviewer,
  checkQuestionDimensions,
  type DomainError,
  deleteRefusal,
  ExportStagesInput,
  editStage,
  exportPipeline,
  ImportStagesInput,
  importStages,
  ListStagesInput,
  liveStages,
  notFound,
  ReorderStagesInput,
  removeStage,
  reorderStages,
  type EvaluationStage as Stage,
  StageRefInput,
  UpdateStageInput,
  unwrap,
  validatePipeline,
  withStageQuestionIds,
} from '@stageflow/domain';
import { z } from 'zod';
import { type PipelineChange, changePipeline as runPipelineChange } from '../application/pipelines.ts';
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { EvaluationStage, ExportedStage, StageUsage as StageUsageOutput } from './outputs.ts';
import { PipelineResult } from './pipeline-result.ts';

/** Runs one change to a template's stages as a single transaction and shapes the answer. */
async function changePipeline(
  ctx: Context,
  templateId: string,
  expectedVersion: number | undefined,
  change: PipelineChange,
  subjectId?: string,
  options?: { withUsage?: boolean },
): Promise<PipelineResult> {
  const pipeline = await runPipelineChange(ctx, templateId, expectedVersion, change, options);
  return {
    version: pipeline.template.version,
    stages: liveStages(pipeline.stages),
    stage: subjectId ? pipeline.stages.find((s) => s.id === subjectId) : undefined,
  };
}

const loadPipeline = async (ctx: Context, templateId: string) =>
  unwrap((await ctx.reads.pipelines.load(ctx.workspaceId, templateId)) ?? notFound('Evaluation template', templateId));

const loadStage = async (ctx: Context, id: string) =>
  unwrap((await ctx.reads.stages.byId(ctx.workspaceId, id)) ?? notFound('Evaluation stage', id));

/**
 * Archive and delete: a change to one stage of its template that depends on who uses it (loaded in
 * the change's transaction); the answer names the stage when it is still there.
 */
async function changeUsedStage(
  ctx: Context,
  input: { id: string; expected_version?: number | undefined },
  change: (stages: readonly Stage[], usage: StageUsage | undefined) => readonly Stage[] | DomainError,
  answerWithStage: boolean,
) {
  const { evaluation_template_id } = await loadStage(ctx, input.id);
  return changePipeline(
    ctx,
    evaluation_template_id,
    input.expected_version,
    ({ stages }, usage) => change(stages, usage.get(input.id)),
    answerWithStage ? input.id : undefined,
    { withUsage: true },
  );
}

/** Loads the agent profile a stage names from the caller's workspace; the domain decides whether it may. */
async function checkInterviewerOf(
  ctx: Context,
  id: string | null | undefined,
  at: (string | number)[] = [],
): Promise<void> {
  const profile = id ? await ctx.reads.agentProfiles.byId(ctx.workspaceId, id) : undefined;
  unwrap(checkInterviewer(id, profile, at));
}

/**
 * A question's dimension must be one of the interviewer's the stage will have (docs/entities.md#question-set);
 * the interviewer is loaded from the caller's workspace, and the domain decides.
 */
async function checkDimensionsOf(
  ctx: Context,
  questions: readonly { dimension?: string | undefined }[] | undefined,
  profileId: string | null | undefined,
  at: (string | number)[] = [],
): Promise<void> {
  if (!questions?.some((q) => q.dimension)) return;
  const profile = profileId ? await ctx.reads.agentProfiles.byId(ctx.workspaceId, profileId) : undefined;
  unwrap(checkQuestionDimensions(questions, profile, at));
}

export const stagesRouter = router({
  list: scoped('evaluation_stages.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/evaluation-stages',
        tags: ['Evaluation stages'],
        summary: "List a template's stages in order",
      },
    })
    .input(ListStagesInput)
    .output(z.array(EvaluationStage))
    .query(async ({ ctx, input }) => {
      const { evaluation_template_id: id } = input;
      const stages = unwrap(
        (await ctx.reads.stages.ofTemplate(ctx.workspaceId, id)) ?? notFound('Evaluation template', id),
      );
      return [...(input.include_archived ? stages.all : stages.live)];
    }),

  byId: scoped('evaluation_stages.read')
    .meta({
      openapi: { method: 'GET', path: '/evaluation-stages/{id}', tags: ['Evaluation stages'], summary: 'Get a stage' },
    })
    .input(ByIdInput)
    .output(EvaluationStage)
    .query(({ ctx, input }) => loadStage(ctx, input.id)),

  create: scoped('evaluation_stages.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/evaluation-stages',
        tags: ['Evaluation stages'],
        summary: 'Add a stage to a template',
        description:
          'Inserts the stage at `stage_order` (or last) and shifts the stages after it. Answers with the whole pipeline; `stage` is the new one.',
      },
    })
    .input(CreateStageInput)
    .output(PipelineResult)
    .mutation(async ({ ctx, input: { evaluation_template_id, expected_version, stage_order, ...given } }) => {
      const fields = withStageQuestionIds(given, ctx.newId);
      await checkInterviewerOf(ctx, fields.agent_profile_id);
      await checkDimensionsOf(ctx, fields.question_set, fields.agent_profile_id);
      const id = ctx.newId();
      return changePipeline(
        ctx,
        evaluation_template_id,
        expected_version,
        (pipeline) => addStage(pipeline, fields, { id, now: ctx.now() }, stage_order),
        id,
      );
    }),

  /** Edits settings; a `stage_order` moves the stage and shifts the ones between. */
  update: scoped('evaluation_stages.write')
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/evaluation-stages/{id}',
        tags: ['Evaluation stages'],
        summary: 'Update a stage',
        description:
          'A new `stage_order` moves the stage. Participants already in the stage keep the rules they entered with; `participants_in_flight` says how many.',
      },
    })
    .input(UpdateStageInput)
    .output(PipelineResult)
    .mutation(async ({ ctx, input: { id, expected_version, stage_order, ...given } }) => {
      const patch = withStageQuestionIds(given, ctx.newId);
      await checkInterviewerOf(ctx, patch.agent_profile_id);
      const current = await loadStage(ctx, id);
      const { evaluation_template_id } = current;
      // Checked when the questions or the interviewer change, against what the stage will have.
      if (patch.question_set !== undefined || patch.agent_profile_id !== undefined) {
        await checkDimensionsOf(
          ctx,
          patch.question_set ?? current.question_set,
          patch.agent_profile_id === undefined ? current.agent_profile_id : patch.agent_profile_id,
        );
      }
      const result = await changePipeline(
        ctx,
        evaluation_template_id,
        expected_version,
        ({ stages }) => editStage(stages, id, patch, stage_order),
        id,
      );
      // People already in the stage keep the rules they entered with (their snapshot); say how many.
      return { ...result, participants_in_flight: await ctx.reads.participants.activeAtStage(ctx.workspaceId, id) };
    }),

  reorder: scoped('evaluation_stages.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/evaluation-stages/reorder',
        tags: ['Evaluation stages'],
        summary: "Reorder a template's stages",
        description: 'Give every live stage id of the template exactly once, in the new order.',
      },
    })
    .input(ReorderStagesInput)
    .output(PipelineResult)
    .mutation(({ ctx, input }) =>
      changePipeline(ctx, input.evaluation_template_id, input.expected_version, ({ stages }) =>
        reorderStages(stages, input.stage_ids),
      ),
    ),

  archive: scoped('evaluation_stages.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/evaluation-stages/{id}/archive',
        tags: ['Evaluation stages'],
        summary: 'Archive a stage',
        description: 'Refused (409) while participants are in the stage.',
      },
    })
    .input(StageRefInput)
    .output(PipelineResult)
    .mutation(({ ctx, input }) =>
      changeUsedStage(ctx, input, (stages, usage) => archiveStage(stages, input.id, usage?.activeParticipants), true),
    ),

  delete: scoped('evaluation_stages.write')
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/evaluation-stages/{id}',
        tags: ['Evaluation stages'],
        summary: 'Delete a stage',
        description: 'Only a stage nobody ever entered can be deleted; archive it otherwise (409).',
      },
    })
    .input(StageRefInput)
    .output(PipelineResult)
    .mutation(({ ctx, input }) =>
      changeUsedStage(ctx, input, (stages, usage) => removeStage(stages, input.id, usage?.references), false),
    ),

  /** What the stages page needs before it offers Archive or Delete: who uses each live stage. */
  usage: scoped('evaluation_stages.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/evaluation-stages/usage',
        tags: ['Evaluation stages'],
        summary: "Who uses each of a template's live stages",
        description:
          'Per live stage, in order: the active participants in it and the records that point at it, and why archiving or deleting it would be refused now (`null`: it would not).',
      },
    })
    .input(ExportStagesInput)
    .output(z.array(StageUsageOutput))
    .query(({ ctx, input }) =>
      // The stages and who uses them, as of one moment.
      ctx.storage.snapshot(function* (r) {
        const { workspaceId } = ctx;
        const pipeline = yield* r.pipelines.load(workspaceId, input.evaluation_template_id);
        const stages = liveStages(
          unwrap(pipeline ?? notFound('Evaluation template', input.evaluation_template_id)).stages,
        );
        const usage = [];
        for (const stage of stages) {
          const active = yield* r.participants.activeAtStage(workspaceId, stage.id);
          const records = yield* r.participants.referencesToStage(workspaceId, stage.id);
          usage.push({
            stage_id: stage.id,
            active_participants: active,
            participant_records: records,
            archive_refused: archiveRefusal(stage, active)?.message ?? null,
            delete_refused: deleteRefusal(stage, records)?.message ?? null,
          });
        }
        return usage;
      }),
    ),

  validate: scoped('evaluation_stages.read')
    .input(ExportStagesInput)
    .query(async ({ ctx, input }) => {
      const problems = validatePipeline((await loadPipeline(ctx, input.evaluation_template_id)).stages);
      return { runnable: !problems.some((p) => p.blocking), problems };
    }),

  /** The seed's JSON array becomes the whole pipeline in one transaction. */
  import: scoped('evaluation_stages.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/evaluation-stages/import',
        tags: ['Evaluation stages'],
        summary: "Import stages in the seed's JSON shape",
        description: '`append` adds after the live stages; `replace` archives them first. One transaction.',
      },
    })
    .input(ImportStagesInput)
    .output(PipelineResult)
    .mutation(async ({ ctx, input }) => {
      // In order, so the first stage at fault is the one named.
      for (const [i, s] of input.stages.entries()) {
        await checkInterviewerOf(ctx, s.agent_profile_id, ['stages', i]);
        await checkDimensionsOf(ctx, s.question_set, s.agent_profile_id, ['stages', i]);
      }
      return changePipeline(
        ctx,
        input.evaluation_template_id,
        input.expected_version,
        (pipeline, usage) =>
          importStages(
            pipeline,
            input.stages,
            input.mode,
            { newId: () => ctx.newId(), now: ctx.now() },
            (id) => usage.get(id)?.activeParticipants ?? 0,
          ),
        undefined,
        // Replacing archives the live stages, which the people in them would block.
        { withUsage: input.mode === 'replace' },
      );
    }),

  export: scoped('evaluation_stages.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/evaluation-stages/export',
        tags: ['Evaluation stages'],
        summary: "Export a template's stages in the seed's JSON shape",
      },
    })
    .input(ExportStagesInput)
    .output(z.array(ExportedStage))
    .query(async ({ ctx, input }) => exportPipeline((await loadPipeline(ctx, input.evaluation_template_id)).stages)),
});
