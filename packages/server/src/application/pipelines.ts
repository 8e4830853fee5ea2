import type { Pipeline, StageUsage } from '@stageflow/db';
import { type DomainError, type EvaluationStage, staleTemplateVersion, unwrap } from '@stageflow/domain';
import type { AppContext } from './context.ts';

/**
 * A pure change to a template's stages: the next stages, or why not (pipeline/ in the domain). `usage`
 * says who uses each stage, loaded in the same transaction when the change asks for it.
 */
export type PipelineChange = (
  pipeline: Pipeline,
  usage: ReadonlyMap<string, StageUsage>,
) => readonly EvaluationStage[] | DomainError;

/** A stale `expected_version` is refused before anything is written: someone else changed the pipeline. */
function checkVersion(pipeline: Pipeline, expectedVersion: number | undefined): DomainError | undefined {
  const { version } = pipeline.template;
  return expectedVersion === undefined || expectedVersion === version
    ? undefined
    : staleTemplateVersion(pipeline.template, version, expectedVersion);
}

/** Stages the change touched carry its time; the rest keep theirs. */
function stamped(before: readonly EvaluationStage[], next: readonly EvaluationStage[], now: string) {
  const previous = new Map(before.map((s) => [s.id, JSON.stringify(s)]));
  return next.map((stage) => {
    const old = previous.get(stage.id);
    if (old === undefined) return { ...stage, created_at: now, updated_at: now };
    return old === JSON.stringify(stage) ? stage : { ...stage, updated_at: now };
  });
}

/**
 * Every change to a template's stages, in one transaction: check the version the editor saw, let the
 * domain compute the next stages, bump the template's version (concurrent editors serialize, and a
 * stale editor is refused), store only what changed.
 */
export async function changePipeline(
  ctx: AppContext,
  templateId: string,
  expectedVersion: number | undefined,
  change: PipelineChange,
  options: { withUsage?: boolean } = {},
): Promise<Pipeline> {
  const now = ctx.now();
  const result = await ctx.storage.pipelines.change(
    ctx.workspaceId,
    templateId,
    (before, usage) => {
      const refused = checkVersion(before, expectedVersion);
      if (refused) return refused;
      const next = change(before, usage);
      if (next instanceof Error) return next;
      const template = { ...before.template, version: before.template.version + 1, updated_at: now };
      return { template, stages: stamped(before.stages, next, now) };
    },
    options,
  );
  return unwrap(result);
}
