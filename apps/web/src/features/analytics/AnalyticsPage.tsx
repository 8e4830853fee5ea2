import { trpc } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { useAccount } from '../account/use-account.ts';
import { AnalyticsFilters } from './AnalyticsFilters.tsx';
import { Histogram } from './charts/Histogram.tsx';
import { HorizontalBars } from './charts/HorizontalBars.tsx';
import { FigureSection } from './FigureSection.tsx';
import { funnelTable, openDecisionsTable, type Report, scoresTable } from './figures.ts';
import { SimulationSection } from './SimulationSection.tsx';
import { useAnalyticsFilters } from './use-analytics-filters.ts';
import './analytics.css';

/**
 * How a template's stages perform (docs/rules.md#analytics-figures) and what a rule change would have done
 * (docs/rules.md#rule-simulation). The route is loaded lazily, the charts with it: the first page load
 * carries none of them.
 */
export default function AnalyticsPage() {
  const { filters, set, input } = useAnalyticsFilters();
  const { reads_demographics } = useAccount();
  const search = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  const report = trpc.analytics.report.useQuery(input, { enabled: filters.template !== '' });
  const issues = report.error ? readServerError(report.error).issues : [];
  const issueOn = (field: 'from' | 'to') => issues.find((i) => i.path[0] === field)?.message;

  return (
    <>
      <PageHeader
        title="Analytics"
        description="How each stage of a template performs for the participants enrolled in a period, and what a change to its rules would have done to them."
        actions={
          // The self-identification figures: owners, and the admins an owner allows (docs/rules.md#adverse-impact).
          reads_demographics && (
            <LinkButton to={`/analytics/adverse-impact${search ? `?${search}` : ''}`}>Adverse impact</LinkButton>
          )
        }
      />
      <AnalyticsFilters
        filters={filters}
        onChange={set}
        tags={report.data?.tags ?? []}
        errors={{ from: issueOn('from'), to: issueOn('to') }}
      />
      {filters.template && issues.length === 0 && (
        <QueryGate query={report} loading="Counting">
          {(data) => <Figures report={data} />}
        </QueryGate>
      )}
      {filters.template && (
        <SimulationSection
          key={filters.template}
          templateId={filters.template}
          period={{ ...(filters.from && { from: filters.from }), ...(filters.to && { to: filters.to }) }}
          names={report.data ?? { stages: [] }}
        />
      )}
    </>
  );
}

function Figures({ report }: { report: Report }) {
  const names = report.stages.map((s) => s.stage_name);
  if (report.participants === 0) {
    return (
      <EmptyState title="Nobody in this period">
        No participant of this template was enrolled in the period{report.tag ? ` with the tag “${report.tag}”` : ''}.
        Widen the dates or pick everyone.
      </EmptyState>
    );
  }
  return (
    <div className="analytics-figures">
      <p className="analytics-cohort">
        {plural(report.participants, 'participant')} enrolled
        {report.from ? ` from ${report.from}` : ''}
        {report.to ? ` to ${report.to}` : ''}
        {report.tag ? `, tagged “${report.tag}”` : ''}.
      </p>
      <FigureSection
        title="Funnel"
        description="Per stage: who entered, where they went, the share that moved on (pass-through), the share whose evaluation ended there (drop-off), and how long a stay took."
        fileName="funnel"
        table={funnelTable(report)}
        chart={(tableId) => (
          <HorizontalBars
            label="Funnel: participants who entered each stage and who moved on"
            tableId={tableId}
            categories={names}
            series={[
              { name: 'Entered', values: report.funnel.map((f) => f.entered), tone: 'muted' },
              { name: 'Moved on', values: report.funnel.map((f) => f.moved_on), tone: 'success' },
              { name: 'Still there', values: report.funnel.map((f) => f.still_there), tone: 'primary' },
            ]}
          />
        )}
      />
      <FigureSection
        title="Scores"
        description="Every completed result per stage, in bins of ten, with the stage's pass mark today."
        fileName="scores"
        table={scoresTable(report)}
        chart={(tableId) => (
          <div className="histograms">
            {report.scores
              .filter((s) => s.results > 0)
              .map((s, i) => (
                <figure key={s.stage_id}>
                  <figcaption>
                    {names[report.stages.findIndex((x) => x.stage_id === s.stage_id)] ?? `Stage ${i + 1}`}
                  </figcaption>
                  <Histogram
                    label={`Scores at ${report.stages.find((x) => x.stage_id === s.stage_id)?.stage_name ?? 'the stage'}`}
                    tableId={tableId}
                    bins={s.bins}
                    passMark={s.pass_threshold}
                  />
                </figure>
              ))}
          </div>
        )}
      />
      <FigureSection
        title="Open decisions"
        description="Decisions waiting for a reviewer per stage, and how long they have waited."
        fileName="open-decisions"
        table={openDecisionsTable(report)}
        chart={(tableId) => (
          <HorizontalBars
            label="Open decisions per stage"
            tableId={tableId}
            categories={names}
            series={[{ name: 'Open', values: report.open_decisions.map((d) => d.open), tone: 'warning' }]}
          />
        )}
      />
    </div>
  );
}
