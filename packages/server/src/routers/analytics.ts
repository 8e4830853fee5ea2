import {
  AnalyticsQueryInput,
  AnalyticsReport,
  FunnelAnswer,
  OpenDecisionsAnswer,
  ScoresAnswer,
  SimulateInput,
  SimulationAnswer,
} from '@stageflow/domain';
import { analyticsFigures, simulate } from '../application/analytics.ts';
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
    .mutation(({ ctx, input }) => simulate(ctx, input)),
});
