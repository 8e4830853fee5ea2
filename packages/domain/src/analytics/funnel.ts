import { z } from 'zod';
import type { ParticipantStatus, StageProgressState } from '../progression/entities.ts';
import { hoursOf, medianAndP90, type QuantileRanks, quantileAt, quantileRanks, share } from './statistics.ts';

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

/** How many who entered a stage left it (or are still there) one way, and whether the stage ended `failed`. */
export interface ExitCount {
  readonly stage_id: string;
  readonly exit: StageExit;
  readonly failed: boolean;
  readonly count: number;
}

/** Progress groups counted by where they went (`stageExit`). */
export const exitCounts = (groups: readonly ProgressGroup[]): ExitCount[] =>
  groups.map((g) => ({ stage_id: g.stage_id, exit: stageExit(g), failed: g.state === 'failed', count: g.count }));

/** Per stage, how many of those counted have left it: every exit but `still_there` (their stays have a length). */
export function leftByStage(counted: readonly ExitCount[]): Map<string, number> {
  const left = new Map<string, number>();
  for (const g of counted) if (g.exit !== 'still_there') left.set(g.stage_id, (left.get(g.stage_id) ?? 0) + g.count);
  return left;
}

/** The finished stays at a stage: how many, and their median and 90th percentile in milliseconds. */
export interface StayLengths {
  readonly left: number;
  readonly median_ms: number | null;
  readonly p90_ms: number | null;
}

/** The stays' figures from their lengths, ascending. */
export function stayLengthsOf(sorted: readonly number[]): StayLengths {
  const { median, p90 } = medianAndP90(sorted);
  return { left: sorted.length, median_ms: median, p90_ms: p90 };
}

/** The ranks of `left` ascending stays that the median and the 90th percentile read. */
export const stayRanks = (left: number): { median: QuantileRanks | null; p90: QuantileRanks | null } => ({
  median: quantileRanks(left, 0.5),
  p90: quantileRanks(left, 0.9),
});

/** The stays' figures from the lengths at the ranks `stayRanks` named (a store that keeps them indexed reads only those). */
export function stayLengthsAt(left: number, valueAt: (rank: number) => number): StayLengths {
  const ranks = stayRanks(left);
  return { left, median_ms: quantileAt(ranks.median, valueAt), p90_ms: quantileAt(ranks.p90, valueAt) };
}

const NO_STAYS: StayLengths = { left: 0, median_ms: null, p90_ms: null };

/**
 * The funnel of each stage in `stageIds` order: who entered, where they went, pass-through, drop-off and the
 * time they spent there (`stays`, per stage, of those who left it).
 */
export function stageFunnels(
  stageIds: readonly string[],
  counted: readonly ExitCount[],
  stays: ReadonlyMap<string, StayLengths>,
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
    for (const g of counted) {
      if (g.stage_id !== stageId) continue;
      counts[g.exit] += g.count;
      if (g.failed) failed += g.count;
    }
    const entered = Object.values(counts).reduce((a, b) => a + b, 0);
    const movedOn = counts.passed + counts.advanced_by_reviewer;
    const dropOff = counts.rejected + counts.withdrawn;
    const { left, median_ms, p90_ms } = stays.get(stageId) ?? NO_STAYS;
    return {
      stage_id: stageId,
      entered,
      ...counts,
      failed,
      moved_on: movedOn,
      pass_through: share(movedOn, entered),
      drop_off: dropOff,
      drop_off_rate: share(dropOff, entered),
      time_in_stage: { left, median_hours: hoursOf(median_ms), p90_hours: hoursOf(p90_ms) },
    };
  });
}
