import type { z } from 'zod';
import type { DomainError } from '../errors.ts';
import type { LifecycleStatus } from '../schemas/common.ts';
import type { PortableStage } from '../schemas/stage.ts';
import { typeFromName } from './names.ts';
import { liveStages, type OrderedStage, roomForStages } from './ordering.ts';
import { resolveNewStage, type StageSettings, type TemplateDefaults, withStageQuestionIds } from './stage-settings.ts';

/** One stage in the seed's JSON shape, as export gives it; it parses as a `PortableStage` again. */
export type ExportedStage = Omit<StageSettings, 'status'> & {
  stage_order: number;
  status: Exclude<LifecycleStatus, 'archived'>;
};

/** A stage planned by an import: its settings and its final place; the caller adds ids and times. */
export type PlannedStage = StageSettings & { stage_order: number };

type ImportedItem = z.output<typeof PortableStage>;

/** The live stages in order, in the seed's shape and key order, ready to be imported elsewhere. */
export function exportPipeline(stages: readonly (StageSettings & OrderedStage)[]): ExportedStage[] {
  return liveStages(stages).map((s, index) => ({
    type: s.type,
    stage_name: s.stage_name,
    stage_type: s.stage_type,
    agent_profile_id: s.agent_profile_id,
    stage_order: index,
    duration_minutes: s.duration_minutes,
    difficulty: s.difficulty,
    pass_threshold: s.pass_threshold,
    allow_retake: s.allow_retake,
    max_attempts: s.max_attempts,
    retake_cooldown_hours: s.retake_cooldown_hours,
    automation_rule: s.automation_rule,
    auto_reject: s.auto_reject,
    // liveStages leaves no archived stage, which the type system cannot see through the filter.
    status: s.status as ExportedStage['status'],
    // Beyond the seed, with the questions' ids, so a re-import keeps them (docs/rules.md#import-and-export).
    question_set: s.question_set,
  }));
}

/**
 * The items' indexes in the order an import places them: those with a `stage_order` first, sorted by it
 * (the sort is stable, so equal orders keep array order), then the rest in array order.
 */
export function importOrder(items: readonly { readonly stage_order?: number | undefined }[]): number[] {
  const indexes = items.map((_, i) => i);
  const orderOf = (i: number) => items[i]?.stage_order;
  const placed = indexes.filter((i) => orderOf(i) !== undefined).sort((a, b) => orderOf(a)! - orderOf(b)!);
  return [...placed, ...indexes.filter((i) => orderOf(i) === undefined)];
}

/**
 * Turns parsed import items into stages with their final place after the `existingLiveCount` live
 * ones (docs/rules.md#import-and-export), in `importOrder`. The orders themselves only rank: 0, 5, 9
 * become consecutive places. A missing `type` is derived from `stage_name`, and a
 * question without an id gets one from `newId`.
 */
export function planImport(
  items: readonly ImportedItem[],
  existingLiveCount: number,
  template: TemplateDefaults,
  newId: () => string,
): PlannedStage[] | DomainError {
  const full = roomForStages(existingLiveCount, items.length);
  if (full) return full;
  return importOrder(items).map((itemIndex, index) => {
    const item = items[itemIndex]!;
    return {
      ...resolveNewStage(
        withStageQuestionIds({ ...item, type: item.type ?? typeFromName(item.stage_name ?? '') }, newId),
        template,
      ),
      stage_order: existingLiveCount + index,
    };
  });
}
