import type { ReadStep, SnapshotReads } from '@stageflow/db';
import {
  type AdverseImpactAnswer,
  type AnalyticsQueryInput,
  type AnalyticsReport,
  type AnalyticsStage,
  adverseImpactFigures,
  applyStagePatch,
  badInput,
  type Categories,
  categoriesOf,
  changeOf,
  DomainError,
  impactUnderRules,
  leftByStage,
  notFound,
  openDecisionFigures,
  periodBounds,
  type ReplayedPass,
  reportStages,
  ruleSimulation,
  SIMULATION_LIST_LIMIT,
  type SimulateInput,
  type SimulationAnswer,
  scoreDistributions,
  stageFunnels,
  stayLengthsOf,
  tagCounts,
} from '@stageflow/domain';
import type { AppContext } from './context.ts';

/** Every figure's reads run in one snapshot (`storage.snapshot`), so they agree with each other. */
export type AnalyticsContext = Pick<AppContext, 'storage' | 'workspaceId' | 'now'>;

/** Which figures a caller asked for; the report asks for all. */
type Part = 'funnel' | 'scores' | 'open_decisions' | 'tags';

/** Every stage of the template, archived ones last: kept between reads while its version holds (stage-cache.ts). */
function* templateStages(r: SnapshotReads, ctx: AnalyticsContext, templateId: string) {
  const stages = yield* r.stages.ofTemplate(ctx.workspaceId, templateId);
  if (!stages) throw notFound('Evaluation template', templateId);
  return stages.all;
}

/** The participants a figure counts: one template's, enrolled in the period, with the tag when given. */
function cohortOf(input: AnalyticsQueryInput) {
  const { start, end } = periodBounds(input);
  return { templateId: input.evaluation_template_id, start, end, tag: input.tag ?? null };
}

const stayLengthsByStage = (durations: ReadonlyMap<string, readonly number[]>) =>
  new Map([...durations].map(([stage, sorted]) => [stage, stayLengthsOf(sorted)]));

/** What every figure of a cohort answers with: what was asked, how many it counts, when, and the stages. */
function* cohortHeader(
  r: SnapshotReads,
  ctx: AnalyticsContext,
  input: AnalyticsQueryInput,
  cohort: ReturnType<typeof cohortOf>,
  asOf: string,
  stages: AnalyticsStage[],
) {
  return {
    evaluation_template_id: input.evaluation_template_id,
    from: input.from ?? null,
    to: input.to ?? null,
    tag: input.tag ?? null,
    participants: yield* r.analytics.cohortSize(ctx.workspaceId, cohort),
    as_of: asOf,
    stages,
  };
}

/**
 * docs/rules.md#analytics-figures: the figures asked for, of one template's cohort, every one read from the
 * same snapshot. The store counts and lists facts; the domain says what they mean.
 */
export async function analyticsFigures<P extends Part>(
  ctx: AnalyticsContext,
  input: AnalyticsQueryInput,
  parts: readonly P[],
): Promise<Pick<AnalyticsReport, keyof Omit<AnalyticsReport, 'funnel' | 'scores' | 'open_decisions' | 'tags'> | P>> {
  const asOf = ctx.now();
  const cohort = cohortOf(input);
  const ws = ctx.workspaceId;
  const whole = cohort.start === null && cohort.end === null && cohort.tag === null;
  return ctx.storage.snapshot(function* (r) {
    const a = r.analytics;
    const all = yield* templateStages(r, ctx, input.evaluation_template_id);
    // The figures count the facts each command keeps with a stay and a result: the whole template's off an index
    // at any scale; a period's or a tag's by joining the participants it picks to their stays and results.
    const stageIds = all.map((s) => s.id);
    const counted = whole ? yield* a.keptExitCounts(ws, stageIds) : yield* a.exitCounts(ws, cohort);
    const stages: AnalyticsStage[] = reportStages(all, new Set(counted.map((g) => g.stage_id)));
    const ids = stages.map((s) => s.stage_id);
    const wanted = new Set<Part>(parts);
    const stays = function* () {
      if (!whole) return stayLengthsByStage(yield* a.stayDurations(ws, cohort));
      return yield* a.keptStayLengths(ws, leftByStage(counted));
    };
    return {
      ...(yield* cohortHeader(r, ctx, input, cohort, asOf, stages)),
      ...(wanted.has('funnel') && { funnel: stageFunnels(ids, counted, yield* stays()) }),
      ...(wanted.has('scores') && {
        scores: scoreDistributions(
          stages.map((s) => ({ id: s.stage_id, pass_threshold: s.pass_threshold })),
          whole ? yield* a.keptScoreGroups(ws, stageIds) : yield* a.scoreGroups(ws, cohort),
        ),
      }),
      ...(wanted.has('open_decisions') && {
        open_decisions: openDecisionFigures(ids, yield* a.openDecisions(ws, cohort), asOf),
      }),
      ...(wanted.has('tags') && { tags: tagCounts(yield* a.tagCounts(ws, cohort)) }),
    } as Pick<AnalyticsReport, keyof Omit<AnalyticsReport, 'funnel' | 'scores' | 'open_decisions' | 'tags'> | P>;
  });
}

/**
 * docs/rules.md#adverse-impact: the monitor's figures for one template's cohort, read from one snapshot like
 * every other figure. The caller has been checked for `demographics.read`.
 */
export async function adverseImpact(ctx: AnalyticsContext, input: AnalyticsQueryInput): Promise<AdverseImpactAnswer> {
  const asOf = ctx.now();
  const cohort = cohortOf(input);
  const ws = ctx.workspaceId;
  return ctx.storage.snapshot(function* (r) {
    const a = r.analytics;
    const all = yield* templateStages(r, ctx, input.evaluation_template_id);
    const facts = yield* a.selfIdentified(ws, cohort);
    const stages = reportStages(all, new Set(facts.progress.map((g) => g.stage_id)));
    return {
      ...(yield* cohortHeader(r, ctx, input, cohort, asOf, stages)),
      ...adverseImpactFigures(
        stages.map((s) => s.stage_id),
        facts,
      ),
      tags: tagCounts(yield* a.tagCounts(ws, cohort)),
    };
  });
}

/**
 * docs/rules.md#rule-simulation. Each change must be one the stage could take (the stage edit's own rule,
 * `applyStagePatch`, is asked, so "Apply" never meets a refusal the simulation did not): a stage of another
 * template, an archived one, or a setting the stage refuses is a BAD_REQUEST on that change's field.
 */
export async function simulate(
  ctx: AnalyticsContext,
  input: SimulateInput,
  /** The caller may read the self-identification figures: the answer then carries impact ratios. */
  options: { readonly withImpact: boolean } = { withImpact: false },
): Promise<SimulationAnswer> {
  const asOf = ctx.now();
  const { start, end } = periodBounds(input);
  return ctx.storage.snapshot(function* (r) {
    const all = yield* templateStages(r, ctx, input.evaluation_template_id);
    const byId = new Map(all.map((s) => [s.id, s]));
    input.changes.forEach((change, i) => {
      const stage = byId.get(change.stage_id);
      if (!stage || stage.status === 'archived') {
        throw badInput(['changes', i, 'stage_id'], 'is not a live stage of this template');
      }
      const patched = applyStagePatch(stage, changeOf(change));
      if (patched instanceof DomainError) {
        const issue = patched.issues[0];
        throw badInput(['changes', i, ...(issue?.path ?? [])], issue?.message ?? patched.message);
      }
    });
    const stageTypes = new Map(input.changes.map((c) => [c.stage_id, byId.get(c.stage_id)!.stage_type]));
    const categories = options.withImpact ? yield* selfIdentifiedOf(r, ctx, input.evaluation_template_id) : null;
    const replayed: ReplayedPass[] = [];
    const simulation = ruleSimulation(
      input.changes,
      SIMULATION_LIST_LIMIT,
      categories ? (pass) => replayed.push(pass) : undefined,
    );
    // The stays stream into the simulation as the store reads them: 100k of them are never held at once.
    yield* r.analytics.sendStays(ctx.workspaceId, { stageTypes, start, end }, simulation);
    // Names only for the people the answer lists, read in the same snapshot.
    const answer = simulation.answer(yield* r.participants.namesOf(ctx.workspaceId, simulation.listed()));
    return {
      evaluation_template_id: input.evaluation_template_id,
      from: input.from ?? null,
      to: input.to ?? null,
      as_of: asOf,
      list_limit: SIMULATION_LIST_LIMIT,
      ...answer,
      adverse_impact: categories
        ? impactUnderRules(
            input.changes.map((c) => c.stage_id),
            replayed,
            categories,
          )
        : null,
    };
  });
}

/** The categories of the template's participants who self-identified, as the figures count them. */
function* selfIdentifiedOf(
  r: SnapshotReads,
  ctx: AnalyticsContext,
  templateId: string,
): ReadStep<Map<string, Categories>> {
  const stored = yield* r.analytics.templateSelfIdentification(ctx.workspaceId, templateId);
  return new Map([...stored].map(([id, answers]) => [id, categoriesOf(answers)]));
}
