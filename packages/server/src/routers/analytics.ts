import {
  AdverseImpactAnswer,
  AnalyticsQueryInput,
  AnalyticsReport,
  FunnelAnswer,
  OpenDecisionsAnswer,
  ScoresAnswer,
  SimulateInput,
  SimulationAnswer,
} from '@stageflow/domain';
import { adverseImpact, analyticsFigures, simulate } from '../application/analytics.ts';
import { authorize, grantsIn } from '../auth/authorize.ts';
import { router, scoped } from '../trpc.ts';

const PERIOD =
  'One template’s participants enrolled from `from` to `to` (whole days, UTC, both included; either may be left out), only those tagged `tag` when given. Read from one snapshot; `as_of` is when.';

/**
 * docs/rules.md#analytics-figures and #rule-simulation. Aggregates need `analytics.read`; the simulation
 * names participants, so it needs `participants.read` (docs/decisions/026-analytics-charts-and-scopes.md).
 */
export const analyticsRouter = router({
  report: scoped('analytics.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/analytics/report',
        tags: ['Analytics'],
        summary: 'Every figure of a template at once: funnel, scores, open decisions, tags',
        description: `${PERIOD} What the Analytics page shows.`,
      },
    })
    .input(AnalyticsQueryInput)
    .output(AnalyticsReport)
    .query(({ ctx, input }) => analyticsFigures(ctx, input, ['funnel', 'scores', 'open_decisions', 'tags'])),

  funnel: scoped('analytics.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/analytics/funnel',
        tags: ['Analytics'],
        summary: 'The funnel per stage: entered, where they went, pass-through, drop-off, time in stage',
        description: `${PERIOD} Everyone who entered a stage is counted once by where they went (still there, passed, advanced by a reviewer, rejected, withdrawn); \`failed\` counts whose stage ended failed. Time in stage: median and 90th percentile in hours of the stays that ended.`,
      },
    })
    .input(AnalyticsQueryInput)
    .output(FunnelAnswer)
    .query(({ ctx, input }) => analyticsFigures(ctx, input, ['funnel'])),

  scores: scoped('analytics.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/analytics/scores',
        tags: ['Analytics'],
        summary: "Each stage's score distribution in ten bins, with its pass mark",
        description: `${PERIOD} Every completed result counts, retakes included.`,
      },
    })
    .input(AnalyticsQueryInput)
    .output(ScoresAnswer)
    .query(({ ctx, input }) => analyticsFigures(ctx, input, ['scores'])),

  openDecisions: scoped('analytics.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/analytics/open-decisions',
        tags: ['Analytics'],
        summary: 'Open decisions per stage and how long they have waited',
        description: `${PERIOD} Ages in hours as of \`as_of\`.`,
      },
    })
    .input(AnalyticsQueryInput)
    .output(OpenDecisionsAnswer)
    .query(({ ctx, input }) => analyticsFigures(ctx, input, ['open_decisions'])),

  simulate: scoped('participants.read')
    .meta({
      openapi: {
        method: 'POST',
        path: '/analytics/simulate',
        tags: ['Analytics'],
        summary: 'Replay stored results under changed stage rules ("what if")',
        description:
          'Pick stages and change any of `pass_threshold`, `automation_rule`, `allow_retake`, `max_attempts`, `auto_reject`; participants who reached those stages from `from` to `to` are replayed through the same rules with the change. Answers what happened and what would have per stage, who would change (at most `list_limit`), the stays a person went against (not re-decided), and `reproduced`: the replay under the unchanged rules matches what happened. Nothing is saved: apply a change with `PATCH /evaluation-stages/{id}`.',
      },
    })
    .input(SimulateInput)
    .output(SimulationAnswer)
    .mutation(async ({ ctx, input }) =>
      simulate(ctx, input, {
        // Impact ratios by self-identified category only for those who may read those figures.
        withImpact: (await authorize(ctx.principal, 'demographics.read', grantsIn(ctx.reads))).ok,
      }),
    ),

  /**
   * docs/rules.md#adverse-impact: selection and scoring rates by self-identified sex, race/ethnicity and
   * both, with impact ratios, the four-fifths flag and Fisher exact p-values. Owners, and the admins they
   * grant it to; never an API key or a reviewer (docs/decisions/028-self-identification-and-adverse-impact.md).
   */
  adverseImpact: scoped('demographics.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/analytics/adverse-impact',
        tags: ['Analytics'],
        summary: 'Adverse impact: selection and scoring rates by self-identified category, with impact ratios',
        description: `${PERIOD} Per stage and for the whole template: each category's selection rate (moved on against rejected there; the whole template: completed against rejected), its impact ratio against the highest-rate category, \`below_four_fifths\`, N and a two-sided Fisher exact \`p_value\`; at stages with results also the scoring rate (the share of each category's latest scores above the median of all). Categories with fewer than \`min_group_size\` people are \`insufficient_data\`; \`unknown\` counts those who did not answer or declined. Counts are exact here; the page and its export show 1 to 4 as "<5". Needs \`demographics.read\`: owners, and admins an owner granted it (not API keys).`,
      },
    })
    .input(AnalyticsQueryInput)
    .output(AdverseImpactAnswer)
    .query(({ ctx, input }) => adverseImpact(ctx, input)),
});
