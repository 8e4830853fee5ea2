import { z } from 'zod';
import { DecisionReason } from '../progression/entities.ts';
import { hoursOf, medianAndP90 } from './statistics.ts';

/** An open decision of the cohort: where it waits, why, and since when. */
export interface OpenDecisionRow {
  readonly stage_id: string;
  readonly reason: DecisionReason;
  readonly created_at: string;
}

export const OpenDecisionFigures = z.object({
  stage_id: z.string(),
  open: z.int(),
  /** How long they have waited, at the moment of the answer. */
  median_age_hours: z.number().nullable(),
  p90_age_hours: z.number().nullable(),
  oldest_age_hours: z.number().nullable(),
  by_reason: z.record(DecisionReason, z.int()),
});
export type OpenDecisionFigures = z.infer<typeof OpenDecisionFigures>;

/** docs/rules.md#open-decisions: per stage, how many decisions wait and for how long, as of `now`. */
export function openDecisionFigures(
  stageIds: readonly string[],
  rows: readonly OpenDecisionRow[],
  now: string,
): OpenDecisionFigures[] {
  const nowMs = Date.parse(now);
  return stageIds.map((stageId) => {
    const mine = rows.filter((r) => r.stage_id === stageId);
    const ages = mine.map((r) => Math.max(0, nowMs - Date.parse(r.created_at))).sort((a, b) => a - b);
    const { median, p90 } = medianAndP90(ages);
    const by_reason = Object.fromEntries(DecisionReason.options.map((reason) => [reason, 0])) as Record<
      DecisionReason,
      number
    >;
    for (const r of mine) by_reason[r.reason] += 1;
    return {
      stage_id: stageId,
      open: mine.length,
      median_age_hours: hoursOf(median),
      p90_age_hours: hoursOf(p90),
      oldest_age_hours: hoursOf(ages.at(-1) ?? null),
      by_reason,
    };
  });
}
