import type { z } from 'zod';
import { type DomainError, isDomainError } from '../errors.ts';
import type { EvaluationStage, ImportStagesInput, PortableStage } from '../schemas/stage.ts';
import { type NewStageIdentities, newStage, type PipelineSnapshot } from './new-stage.ts';
import { archiveStage, liveStages } from './ordering.ts';
import { importOrder, planImport } from './portable.ts';
import { type PipelineProblem, validatePipeline } from './validate.ts';

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

/**
 * A problem the pipeline would have after an import and does not have now. `item` is the index of the
 * imported item it is about (in the array as given); a problem about a stage already there keeps its
 * `stage_id` instead.
 */
export type ImportProblem = Omit<PipelineProblem, 'stage_id'> & {
  readonly stage_id?: string;
  readonly item?: number;
};

const problemKey = (p: PipelineProblem) => `${p.code}:${p.stage_id ?? ''}`;

/**
 * What an import would break, before it runs (docs/rules.md#import-and-export): the pipeline it would
 * leave, checked by `validatePipeline`, less the problems the pipeline has already. Refused as the
 * import itself would be (too many stages; `replace` over a stage people are in). The dashboard's
 * preview asks this, so it says the same as the stages page will afterwards.
 */
export function importProblems(
  pipeline: PipelineSnapshot,
  items: readonly z.output<typeof PortableStage>[],
  mode: ImportMode,
  activeParticipantsIn: (stageId: string) => number = () => 0,
): ImportProblem[] | DomainError {
  let made = 0;
  const identities = { newId: () => `imported-${made++}`, now: '' };
  const next = importStages(pipeline, items, mode, identities, activeParticipantsIn);
  if (isDomainError(next)) return next;
  // importStages keeps every stage it was given, in place, and adds the new ones after, in import order.
  const order = importOrder(items);
  const itemOf = new Map(next.slice(pipeline.stages.length).map((stage, k) => [stage.id, order[k]!]));
  const known = new Set(validatePipeline(pipeline.stages).map(problemKey));
  return validatePipeline(next)
    .filter((problem) => !known.has(problemKey(problem)))
    .map(({ stage_id, ...problem }) => {
      const item = stage_id === undefined ? undefined : itemOf.get(stage_id);
      if (item !== undefined) return { ...problem, item };
      return stage_id === undefined ? problem : { ...problem, stage_id };
    });
}
