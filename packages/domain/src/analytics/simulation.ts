import { z } from 'zod';
import { extended } from '../objects.ts';
import { MAX_LIVE_STAGES } from '../pipeline/ordering.ts';
import { patchRules, type RulesChange } from '../pipeline/stage-settings.ts';
import type { RulesSnapshot } from '../progression/entities.ts';
import { Uuid } from '../schemas/common.ts';
import { AutomationRule, MaxAttempts, PassThreshold } from '../schemas/stage.ts';
import { CalendarDate, periodIssue } from './period.ts';
import { Override, overrideOf, RuleOutcome, recordedOutcome, replayStage, type StageRecord } from './replay.ts';
import { type ReplayedPass, SimulatedImpact } from './simulation-impact.ts';

/** One stage picked for a simulation, with the rules fields to try; none given: replayed as it was. */
export const RulesChangeInput = z.strictObject({
  stage_id: Uuid,
  pass_threshold: PassThreshold.optional(),
  automation_rule: AutomationRule.optional(),
  allow_retake: z.boolean().optional(),
  max_attempts: MaxAttempts.optional(),
  auto_reject: z.boolean().optional(),
});
export type RulesChangeInput = z.infer<typeof RulesChangeInput>;

/**
 * docs/rules.md#rule-simulation: the stages to replay with their changes, and the period in which
 * participants reached them (whole days, UTC; either end may be left out).
 */
export const SimulateInput = z
  .strictObject({
    evaluation_template_id: Uuid,
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    changes: z.array(RulesChangeInput).min(1, 'pick at least one stage').max(MAX_LIVE_STAGES),
  })
  .superRefine((input, ctx) => {
    const issue = periodIssue(input);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
    const seen = new Set<string>();
    input.changes.forEach((c, i) => {
      if (seen.has(c.stage_id)) {
        ctx.addIssue({ code: 'custom', path: ['changes', i, 'stage_id'], message: 'names a stage picked already' });
      }
      seen.add(c.stage_id);
    });
  });
export type SimulateInput = z.infer<typeof SimulateInput>;

/** The rules fields of a change (its `stage_id` aside). */
export const changeOf = ({ stage_id: _, ...change }: RulesChangeInput): RulesChange => change;

const outcomeCounts = () => Object.fromEntries(RuleOutcome.options.map((o) => [o, 0])) as Record<RuleOutcome, number>;

const Counts = z.object({
  /** How many ended each way. */
  outcomes: z.record(RuleOutcome, z.int()),
  /** How many of those latest results passed. */
  passed: z.int(),
});

export const SimulatedStage = z.object({
  stage_id: z.string(),
  /** Participants who reached the stage in the period. */
  reached: z.int(),
  /** Of those, replayed: they have a result there, and no person went against it. */
  replayed: z.int(),
  /** A person went against a result there: reported, not re-decided. */
  overridden: z.int(),
  /** No result recorded there (still to take it, or moved on or out without one). */
  no_result: z.int(),
  /** Under the changed rules an earlier picked stage would have rejected them: they would not be here. */
  not_reached: z.int(),
  /** What happened to the replayed, and what would have under the changed rules. */
  recorded: Counts,
  simulated: Counts,
  /** Replayed participants whose outcome or pass would differ. */
  changed: z.int(),
});
export type SimulatedStage = z.infer<typeof SimulatedStage>;

export const SimulatedOutcome = z.union([RuleOutcome, z.literal('not_reached')]);

export const SimulatedChange = z.object({
  participant_id: z.string(),
  participant_name: z.string(),
  stage_id: z.string(),
  recorded: RuleOutcome,
  simulated: SimulatedOutcome,
  /** The result the outcome turns on, and the pass mark it was or would be judged against. */
  overall_score: z.number(),
  recorded_passed: z.boolean(),
  simulated_passed: z.boolean().nullable(),
  recorded_threshold: z.number().nullable(),
  simulated_threshold: z.number().nullable(),
});
export type SimulatedChange = z.infer<typeof SimulatedChange>;

export const OverriddenStay = z.object({
  participant_id: z.string(),
  participant_name: z.string(),
  stage_id: z.string(),
  override: Override,
  recorded: RuleOutcome,
});

export const SimulationAnswer = z.object({
  evaluation_template_id: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  as_of: z.string(),
  stages: z.array(SimulatedStage),
  /** Who would change, in the order the stages were picked, then by name; at most `list_limit`. */
  changes: z.array(SimulatedChange),
  changes_total: z.int(),
  overridden: z.array(OverriddenStay),
  overridden_total: z.int(),
  list_limit: z.int(),
  /**
   * The self-check: every replayed stay replayed again under the rules it was judged by. `matching` equals
   * `replayed` when the replay reproduces what happened (docs/rules.md#rule-simulation).
   */
  reproduced: z.object({ replayed: z.int(), matching: z.int() }),
  /**
   * Per picked stage, the pass rates by self-identified category under the rules as they were and as
   * changed, with impact ratios (docs/rules.md#rule-simulation). `null` unless the caller may read the
   * self-identification figures (`demographics.read`) and some replayed participant self-identified.
   */
  adverse_impact: z.array(SimulatedImpact).nullable(),
});
export type SimulationAnswer = z.infer<typeof SimulationAnswer>;

export const SIMULATION_LIST_LIMIT = 500;

type SimulationFigures = Pick<
  SimulationAnswer,
  'stages' | 'changes' | 'changes_total' | 'overridden' | 'overridden_total' | 'reproduced'
>;

/**
 * Where a store sends the picked stages' stays in the period, each participant's in the order they entered
 * them: every stay with a result as its record, and the stays without one only counted (nothing in them is
 * replayed, and at 100k participants loading them would cost more than the replay).
 */
export interface StaySink {
  stay(record: StageRecord): void;
  staysWithoutResult(stageId: string, count: number): void;
}

/** Who a listed stay is: their name is read for the answer's list only (`listed`), not for every stay. */
type Unnamed<T> = Omit<T, 'participant_name'>;

/**
 * docs/rules.md#rule-simulation, fed one stay at a time (`StaySink`). Each stay with a result that no person
 * went against is replayed under its own snapshot with the stage's change merged in (`patchRules`), and
 * compared with what the record says happened. An earlier picked stage that would now reject someone means
 * they never reach the later ones. Once every stay is in, `listed` says whose names the answer's lists need,
 * and `answer` gives the figures with them.
 */
export function ruleSimulation(
  changes: readonly RulesChangeInput[],
  limit = SIMULATION_LIST_LIMIT,
  /** Told each replayed stay's pass, then and under the changes: what the impact ratios are counted from. */
  observe?: (pass: ReplayedPass) => void,
): StaySink & { listed(): string[]; answer(names: ReadonlyMap<string, string>): SimulationFigures } {
  /** Each stage's change, as a snapshot with it merged in (docs/rules.md#rule-simulation). */
  const changeByStage = new Map(changes.map((c) => [c.stage_id, withChange(changeOf(c))]));
  const stages = new Map(
    changes.map((c): [string, SimulatedStage] => [
      c.stage_id,
      {
        stage_id: c.stage_id,
        reached: 0,
        replayed: 0,
        overridden: 0,
        no_result: 0,
        not_reached: 0,
        recorded: { outcomes: outcomeCounts(), passed: 0 },
        simulated: { outcomes: outcomeCounts(), passed: 0 },
        changed: 0,
      },
    ]),
  );
  const changed: Unnamed<SimulatedChange>[] = [];
  const overridden: Unnamed<z.infer<typeof OverriddenStay>>[] = [];
  const reproduced = { replayed: 0, matching: 0 };
  /** Participants an earlier picked stage would now have rejected. */
  const endedEarlier = new Set<string>();

  function stay(r: StageRecord) {
    const stage = stages.get(r.stage_id);
    const change = changeByStage.get(r.stage_id);
    if (!stage || !change) return;
    stage.reached += 1;
    const recorded = recordedOutcome(r);
    const last = r.attempts.at(-1);
    if (recorded === null || !last) {
      stage.no_result += 1;
      return;
    }
    const override = overrideOf(r);
    if (override) {
      stage.overridden += 1;
      overridden.push({ ...who(r), override, recorded });
      return;
    }
    stage.replayed += 1;
    stage.recorded.outcomes[recorded] += 1;
    if (last.passed) stage.recorded.passed += 1;
    reproduced.replayed += 1;
    if (replayStage(r, r.rules)?.outcome === recorded) reproduced.matching += 1;

    // Built only for those who change: most do not, and 100k needless objects cost more than the replay.
    const base = () => ({
      ...who(r),
      recorded,
      overall_score: last.overall_score,
      recorded_passed: last.passed,
      recorded_threshold: r.rules.pass_threshold,
    });
    if (endedEarlier.has(r.participant_id)) {
      observe?.({ ...who(r), recorded: last.passed, simulated: null });
      stage.not_reached += 1;
      stage.changed += 1;
      changed.push({ ...base(), simulated: 'not_reached', simulated_passed: null, simulated_threshold: null });
      return;
    }
    const replayed = replayStage(r, change(r.rules));
    if (!replayed) return;
    observe?.({ ...who(r), recorded: last.passed, simulated: replayed.passed });
    stage.simulated.outcomes[replayed.outcome] += 1;
    if (replayed.passed) stage.simulated.passed += 1;
    if (replayed.outcome === 'rejected' && recorded !== 'rejected') endedEarlier.add(r.participant_id);
    if (replayed.outcome !== recorded || replayed.passed !== last.passed) {
      stage.changed += 1;
      changed.push({
        ...base(),
        overall_score: replayed.attempt.overall_score,
        simulated: replayed.outcome,
        simulated_passed: replayed.passed,
        simulated_threshold: replayed.threshold,
      });
    }
  }

  function staysWithoutResult(stageId: string, count: number) {
    const stage = stages.get(stageId);
    if (!stage) return;
    stage.reached += count;
    stage.no_result += count;
  }

  /** The participants the answer may list: those who change and those overridden. */
  function listed(): string[] {
    return [...new Set([...changed, ...overridden].map((x) => x.participant_id))];
  }

  /** `names`: the listed participants' names (`listed`), which order the lists. */
  function answer(names: ReadonlyMap<string, string>): SimulationFigures {
    const order = new Map(changes.map((c, i) => [c.stage_id, i]));
    // Names in plain code-unit order: a collator's compare costs ten times more, and 100k names feel it.
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const byStageThenName = (a: { stage_id: string; participant_name: string }, b: typeof a) =>
      (order.get(a.stage_id) ?? 0) - (order.get(b.stage_id) ?? 0) || byName(a.participant_name, b.participant_name);
    const named = <T extends { participant_id: string }>(x: T) =>
      extended(x, { participant_name: names.get(x.participant_id) ?? '' });
    return {
      stages: [...stages.values()],
      changes: changed.map(named).sort(byStageThenName).slice(0, limit),
      changes_total: changed.length,
      overridden: overridden.map(named).sort(byStageThenName).slice(0, limit),
      overridden_total: overridden.length,
      reproduced,
    };
  }

  return { stay, staysWithoutResult, listed, answer };
}

/**
 * `ruleSimulation` over stays already loaded, with or without results, in each participant's order; `names`
 * holds the names of whoever it lists.
 */
export function simulateRules(
  records: Iterable<StageRecord>,
  changes: readonly RulesChangeInput[],
  names: ReadonlyMap<string, string>,
  limit = SIMULATION_LIST_LIMIT,
): SimulationFigures {
  const simulation = ruleSimulation(changes, limit);
  for (const r of records) simulation.stay(r);
  return simulation.answer(names);
}

/**
 * `patchRules` with one change, kept for each snapshot object it was given: the stays at a stage share a handful
 * of snapshots (the store parses each distinct one once), and 100k merges were 100k needless objects.
 */
function withChange(change: RulesChange): (rules: RulesSnapshot) => RulesSnapshot {
  const merged = new WeakMap<RulesSnapshot, RulesSnapshot>();
  return (rules) => {
    let patched = merged.get(rules);
    if (!patched) {
      patched = patchRules(rules, change);
      merged.set(rules, patched);
    }
    return patched;
  };
}

const who = (r: StageRecord) => ({ participant_id: r.participant_id, stage_id: r.stage_id });
