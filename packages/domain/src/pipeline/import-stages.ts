import type { z } from 'zod';
import { type DomainError, isDomainError } from '../errors.ts';
import type { EvaluationStage, ImportStagesInput, PortableStage } from '../schemas/stage.ts';
import { type NewStageIdentities, newStage, type PipelineSnapshot } from './new-stage.ts';
import { archiveStage, liveStages } from './ordering.ts';
import { planImport } from './portable.ts';

/** `append` adds after the live stages; `replace` archives them first. */
export type ImportMode = z.output<typeof ImportStagesInput>['mode'];

/**
 * The template's stages after an import: with `replace` every live stage is archived first, then
 * the imported stages follow the live ones left, in the order `planImport` gives them.
 * Refused (nothing changes) when the stages would not fit in the pipeline.
 */
export function importStages(
  pipeline: PipelineSnapshot,
  items: readonly z.output<typeof PortableStage>[],
  mode: ImportMode,
  { newId, now }: NewStageIdentities,
): EvaluationStage[] | DomainError {
  const base = mode === 'replace' ? archiveLiveStages(pipeline.stages) : pipeline.stages;
  if (isDomainError(base)) return base;
  const planned = planImport(items, liveStages(base).length, pipeline.template);
  if (isDomainError(planned)) return planned;
  const added = planned.map(({ stage_order, ...settings }) =>
    newStage(settings, pipeline.template.id, { id: newId(), now }, stage_order),
  );
  return [...base, ...added];
}

/** Archives the live stages one by one through `archiveStage`, the one rule for archiving. */
function archiveLiveStages(stages: readonly EvaluationStage[]): readonly EvaluationStage[] | DomainError {
  let next: readonly EvaluationStage[] = stages;
  for (const live of liveStages(stages)) {
    const archived = archiveStage(next, live.id);
    if (isDomainError(archived)) return archived;
    next = archived;
  }
  return next;
}
