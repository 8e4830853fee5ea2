import type { RouterOutputs } from '../../app/trpc.ts';
import type { FigureTable } from './csv.ts';

export type Report = RouterOutputs['analytics']['report'];
export type Simulation = RouterOutputs['analytics']['simulate'];
type Outcome = keyof Simulation['stages'][number]['recorded']['outcomes'];

/** A share as people read it: "62%", or "–" when there is nothing to take a share of. */
export const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);
/** Hours with one decimal, or "–". */
export const hours = (h: number | null) => (h === null ? '–' : `${Math.round(h * 10) / 10} h`);

/** What the rules did, in the words the page uses (docs/rules.md#rule-simulation). */
export const OUTCOME_WORDS: Record<Outcome | 'not_reached', string> = {
  advanced: 'Advanced',
  rejected: 'Rejected',
  awaiting_decision: 'Waited for a decision',
  held_passed: 'Passed, held at the stage',
  held_failed: 'Failed, held at the stage',
  retake: 'Retake open',
  not_reached: 'Would not have reached it',
};
export const OUTCOMES = Object.keys(OUTCOME_WORDS).filter((o) => o !== 'not_reached') as Outcome[];

export const OVERRIDE_WORDS = {
  decided_against_suggestion: 'A reviewer decided against the suggestion',
  advanced_by_hand: 'Advanced by hand without passing',
  rejected_by_hand: 'Rejected by hand',
} as const;

const stageName = (report: Pick<Report, 'stages'>, id: string) =>
  report.stages.find((s) => s.stage_id === id)?.stage_name ?? 'Stage';

/** The funnel with time in stage: one row per stage, the numbers of docs/rules.md#funnel. */
export function funnelTable(report: Report): FigureTable {
  return {
    header: [
      'Stage',
      'Entered',
      'Passed',
      'Advanced by a reviewer',
      'Rejected',
      'Withdrawn',
      'Still there',
      'Failed',
      'Pass-through',
      'Drop-off',
      'Median time in stage (h)',
      '90th percentile (h)',
    ],
    rows: report.funnel.map((f) => [
      stageName(report, f.stage_id),
      f.entered,
      f.passed,
      f.advanced_by_reviewer,
      f.rejected,
      f.withdrawn,
      f.still_there,
      f.failed,
      percent(f.pass_through),
      percent(f.drop_off_rate),
      f.time_in_stage.median_hours,
      f.time_in_stage.p90_hours,
    ]),
  };
}

/** Every stage's score bins side by side: a row per bin, a column per stage. */
export function scoresTable(report: Report): FigureTable {
  const bins = report.scores[0]?.bins ?? [];
  return {
    header: ['Score', ...report.scores.map((s) => stageName(report, s.stage_id))],
    rows: [
      ...bins.map((bin, i) => [`${bin.from}–${bin.to}`, ...report.scores.map((s) => s.bins[i]?.count ?? 0)]),
      ['Results', ...report.scores.map((s) => s.results)],
      ['Passed', ...report.scores.map((s) => s.passed)],
      ['Median score', ...report.scores.map((s) => s.median)],
      ['Pass mark', ...report.scores.map((s) => s.pass_threshold)],
    ],
  };
}

export function openDecisionsTable(report: Report): FigureTable {
  return {
    header: ['Stage', 'Open', 'Median age (h)', '90th percentile (h)', 'Oldest (h)'],
    rows: report.open_decisions.map((d) => [
      stageName(report, d.stage_id),
      d.open,
      d.median_age_hours,
      d.p90_age_hours,
      d.oldest_age_hours,
    ]),
  };
}

/** What happened and what would have, per picked stage. */
export function simulationTable(simulation: Simulation, names: Pick<Report, 'stages'>): FigureTable {
  return {
    header: ['Stage', 'Outcome', 'What happened', 'Under the changed rules'],
    rows: simulation.stages.flatMap((s) => [
      ...OUTCOMES.map((o) => [
        stageName(names, s.stage_id),
        OUTCOME_WORDS[o],
        s.recorded.outcomes[o],
        s.simulated.outcomes[o],
      ]),
      [stageName(names, s.stage_id), 'Results that pass', s.recorded.passed, s.simulated.passed],
      [stageName(names, s.stage_id), OUTCOME_WORDS.not_reached, 0, s.not_reached],
    ]),
  };
}
