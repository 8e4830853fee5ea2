import { z } from 'zod';
import type { ParticipantStatus, StageProgressState } from '../progression/entities.ts';
import { hoursOf, medianAndP90, share } from './statistics.ts';

/**
 * How many stage-progress rows of a cohort share these facts. The store counts rows by them (one SQL
 * aggregation, so 100k participants are not loaded); what each combination means is `stageExit`'s to say.
 */
export interface ProgressGroup {
  readonly stage_id: string;
  readonly state: StageProgressState;
  /** Still at the stage (`left_at` is null). */
  readonly open: boolean;
  readonly status: ParticipantStatus;
  /** Their evaluation ended at this stage: it is the last they entered and they are rejected or withdrawn. */
  readonly ended_here: boolean;
  /** A reviewer's decision there (`decisions.decide`, outcome `advance`) moved them on. */
  readonly advanced_by_decision: boolean;
  readonly count: number;
}

/** Where a participant who entered a stage stands with it: still there, or how they left it. */
export type StageExit = 'still_there' | 'passed' | 'advanced_by_reviewer' | 'rejected' | 'withdrawn';

/**
 * docs/rules.md#funnel. Everyone who entered a stage is in exactly one of these: still there; their
 * evaluation ended there (rejected or withdrawn); moved on by a reviewer (a decision to advance, or advanced
 * by hand without passing: the stage `skipped`); or moved on having passed it (the rules advanced them, a
 * final review passed, or a person moved them on from a stage that holds passed participants).
 */
export function stageExit(g: Omit<ProgressGroup, 'stage_id' | 'count'>): StageExit {
  if (g.open) return 'still_there';
  if (g.ended_here && g.status === 'rejected') return 'rejected';
  if (g.ended_here && g.status === 'withdrawn') return 'withdrawn';
  if (g.advanced_by_decision || g.state !== 'passed') return 'advanced_by_reviewer';
  return 'passed';
}

export const TimeInStage = z.object({
  /** Participants who left the stage: only finished stays have a length. */
  left: z.int(),
  median_hours: z.number().nullable(),
  p90_hours: z.number().nullable(),
});

export const StageFunnel = z.object({
  stage_id: z.string(),
  entered: z.int(),
  passed: z.int(),
  advanced_by_reviewer: z.int(),
  rejected: z.int(),
  withdrawn: z.int(),
  still_there: z.int(),
  /** Whose stage ended `failed` (by a result, a decision or a final review); also counted where they went. */
  failed: z.int(),
  /** `passed` + `advanced_by_reviewer`: on to the next stage, or completed. */
  moved_on: z.int(),
  /** `moved_on / entered`; `null` when no one entered. */
  pass_through: z.number().nullable(),
  /** `rejected` + `withdrawn`: whose evaluation ended at this stage. */
  drop_off: z.int(),
  /** `drop_off / entered`; `null` when no one entered. */
  drop_off_rate: z.number().nullable(),
  time_in_stage: TimeInStage,
});
export type StageFunnel = z.infer<typeof StageFunnel>;

/**
 * The funnel of each stage in `stageIds` order: who entered, where they went, pass-through, drop-off and the
 * time they spent there. `durationsMs` holds, per stage, the stays of those who left it, ascending.
 */
export function stageFunnels(
  stageIds: readonly string[],
  groups: readonly ProgressGroup[],
  durationsMs: ReadonlyMap<string, readonly number[]>,
): StageFunnel[] {
  return stageIds.map((stageId) => {
    const counts: Record<StageExit, number> = {
      still_there: 0,
      passed: 0,
      advanced_by_reviewer: 0,
      rejected: 0,
      withdrawn: 0,
    };
    let failed = 0;
    for (const g of groups) {
      if (g.stage_id !== stageId) continue;
      counts[stageExit(g)] += g.count;
      if (g.state === 'failed') failed += g.count;
    }
    const entered = Object.values(counts).reduce((a, b) => a + b, 0);
    const movedOn = counts.passed + counts.advanced_by_reviewer;
    const dropOff = counts.rejected + counts.withdrawn;
    const stays = durationsMs.get(stageId) ?? [];
    const { median, p90 } = medianAndP90(stays);
    return {
      stage_id: stageId,
      entered,
      ...counts,
      failed,
      moved_on: movedOn,
      pass_through: share(movedOn, entered),
      drop_off: dropOff,
      drop_off_rate: share(dropOff, entered),
      time_in_stage: { left: stays.length, median_hours: hoursOf(median), p90_hours: hoursOf(p90) },
    };
  });
}
