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
 * Refused (nothing changes) when the stages would not fit in the pipeline, or when `replace` would
 * archive a stage participants are in (`activeParticipantsIn`).
 */
export function importStages(
  pipeline: PipelineSnapshot,
  items: readonly z.output<typeof PortableStage>[],
  mode: ImportMode,
  { newId, now }: NewStageIdentities,
  activeParticipantsIn: (stageId: string) => number = () => 0,
): EvaluationStage[] | DomainError {
  const base = mode === 'replace' ? archiveLiveStages(pipeline.stages, activeParticipantsIn) : pipeline.stages;
  if (isDomainError(base)) return base;
  const planned = planImport(items, liveStages(base).length, pipeline.template, newId);
  if (isDomainError(planned)) return planned;
  const added = planned.map(({ stage_order, ...settings }) =>
    newStage(settings, pipeline.template.id, { id: newId(), now }, stage_order),
  );
  return [...base, ...added];
}

/**
 * Archives the live stages one by one through `archiveStage`, the one rule for archiving: a stage
 * people are in refuses, as it would on its own.
 */
function archiveLiveStages(
  stages: readonly EvaluationStage[],
  activeParticipantsIn: (stageId: string) => number,
): readonly EvaluationStage[] | DomainError {
  let next: readonly EvaluationStage[] = stages;
  for (const live of liveStages(stages)) {
    const archived = archiveStage(next, live.id, activeParticipantsIn(live.id));
    if (isDomainError(archived)) return archived;
    next = archived;
  }
  return next;
}
