import { z } from 'zod';
import type { Categories } from '../self-identification/categories.ts';
import { ImpactFigures, impactFigures } from './impact.ts';

/**
 * Impact ratios under each rule set (docs/rules.md#rule-simulation): at each picked stage, the pass rate of
 * the replayed participants by category, as it was and as it would have been. A pass is what the rules
 * themselves decide; what a reviewer would have done after another outcome cannot be replayed, so the
 * simulation compares passes rather than who moved on.
 */

/** One replayed stay: whether its latest result passed then, and would under the changed rules. */
export interface ReplayedPass {
  readonly stage_id: string;
  readonly participant_id: string;
  readonly recorded: boolean;
  /** `null`: an earlier picked stage would have rejected them, so they are not counted here. */
  readonly simulated: boolean | null;
}

export const SimulatedImpact = z.object({
  stage_id: z.string(),
  /** Passes under the rules they were judged by. */
  recorded: ImpactFigures,
  /** Passes under the changed rules (those who would not reach the stage left out). */
  simulated: ImpactFigures,
});
export type SimulatedImpact = z.infer<typeof SimulatedImpact>;

const UNKNOWN: Categories = { sex: null, race_ethnicity: null };

/**
 * Per picked stage, the replayed passes by category before and after. `categories` holds the participants
 * with self-identification on record; `null` when none of the replayed has any (there is nothing to show).
 */
export function impactUnderRules(
  stageIds: readonly string[],
  replayed: readonly ReplayedPass[],
  categories: ReadonlyMap<string, Categories>,
): SimulatedImpact[] | null {
  if (!replayed.some((r) => categories.has(r.participant_id))) return null;
  return stageIds.map((stage_id) => {
    const mine = replayed.filter((r) => r.stage_id === stage_id);
    const of = (r: ReplayedPass) => categories.get(r.participant_id) ?? UNKNOWN;
    return {
      stage_id,
      recorded: impactFigures(mine.map((r) => ({ ...of(r), selected: r.recorded, count: 1 }))),
      simulated: impactFigures(
        mine.flatMap((r) => (r.simulated === null ? [] : [{ ...of(r), selected: r.simulated, count: 1 }])),
      ),
    };
  });
}
