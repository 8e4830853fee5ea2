import { MIN_GROUP_SIZE, SMALL_CELL } from '@stageflow/domain';
import { trpc } from '../../app/trpc.ts';
import { downloadText } from '../../lib/download.ts';
import { formatDateTime, plural } from '../../lib/format.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { Section } from '../../ui/Section.tsx';
import { useAccount } from '../account/use-account.ts';
import { AnalyticsFilters } from './AnalyticsFilters.tsx';
import { toCsv } from './csv.ts';
import { DemographicsAccessSection } from './DemographicsAccessSection.tsx';
import { ImpactFiguresView } from './ImpactFiguresView.tsx';
import { type AdverseImpact, auditTable } from './impact.ts';
import { useAnalyticsFilters } from './use-analytics-filters.ts';
import './analytics.css';

const TITLE = 'Adverse impact';

/**
 * Analytics → Adverse impact (docs/rules.md#adverse-impact): per stage and for the whole template, the
 * selection and scoring rates of each self-identified category, with N, impact ratios, the four-fifths
 * flag and Fisher exact p-values, and a CSV for a bias audit. Owners, and the admins an owner allows; the
 * server refuses everyone else, and so does this page.
 */
export default function AdverseImpactPage() {
  const { reads_demographics, role } = useAccount();
  if (!reads_demographics) return <Refused />;
  return (
    <>
      <Figures />
      {role === 'owner' && <DemographicsAccessSection />}
    </>
  );
}

function Refused() {
  return (
    <>
      <PageHeader title={TITLE} />
      <EmptyState
        title="Only owners see these figures"
        action={
          <LinkButton variant="primary" to="/analytics">
            Back to Analytics
          </LinkButton>
        }
      >
        Figures by sex and race/ethnicity are for the workspace’s owners, and the admins an owner allows. Ask an owner
        if you need them.
      </EmptyState>
    </>
  );
}

function Figures() {
  const { filters, set, input } = useAnalyticsFilters();
  const enabled = filters.template !== '';
  const impact = trpc.analytics.adverseImpact.useQuery(input, { enabled });
  const template = trpc.templates.byId.useQuery({ id: filters.template }, { enabled });
  const issues = impact.error ? readServerError(impact.error).issues : [];
  const issueOn = (field: 'from' | 'to') => issues.find((i) => i.path[0] === field)?.message;
  const search = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();

  return (
    <>
      <PageHeader
        title={TITLE}
        description="Whether each stage selects people of every sex and race/ethnicity at similar rates, from the answers participants gave voluntarily. Only counts are shown: nobody’s own answer."
        actions={
          <LinkButton to={`/analytics${search ? `?${search}` : ''}`} variant="secondary">
            Back to Analytics
          </LinkButton>
        }
      />
      <AnalyticsFilters
        filters={filters}
        onChange={set}
        tags={impact.data?.tags ?? []}
        errors={{ from: issueOn('from'), to: issueOn('to') }}
      />
      {enabled && issues.length === 0 && (
        <QueryGate query={impact} loading="Counting">
          {(data) => <ImpactReport impact={data} templateName={template.data?.template_name ?? 'Template'} />}
        </QueryGate>
      )}
    </>
  );
}

function ImpactReport({ impact, templateName }: { impact: AdverseImpact; templateName: string }) {
  const stageName = (id: string) => impact.stages.find((s) => s.stage_id === id)?.stage_name ?? 'Stage';
  if (impact.participants === 0) {
    return (
      <EmptyState title="Nobody in this period">
        No participant of this template was enrolled in the period. Widen the dates or pick everyone.
      </EmptyState>
    );
  }
  const share = Math.round((impact.self_identified / impact.participants) * 100);
  return (
    <div className="analytics-figures">
      <div className="impact-summary">
        <p>
          {plural(impact.participants, 'participant')} enrolled
          {impact.from ? ` from ${impact.from}` : ''}
          {impact.to ? ` to ${impact.to}` : ''}
          {impact.tag ? `, tagged “${impact.tag}”` : ''}; {impact.self_identified} of them ({share}%) answered the
          voluntary questions. Figures as of {formatDateTime(impact.as_of)}.
        </p>
        <p className="muted">
          Each rate is compared with the highest rate of its kind (the impact ratio); under 0.80 breaks the four-fifths
          rule. The p-value (two-sided Fisher exact test) says how likely a difference this large is by chance alone. A
          category with fewer than {impact.min_group_size ?? MIN_GROUP_SIZE} people is insufficient data; counts under{' '}
          {SMALL_CELL} show as “&lt;{SMALL_CELL}”.
        </p>
        <Button onClick={() => downloadText('adverse-impact.csv', toCsv(auditTable(impact, templateName)), 'text/csv')}>
          Download CSV for a bias audit
        </Button>
      </div>
      <Section
        title="Whole template"
        description="Completed against rejected: those still in the evaluation and those who withdrew are left out."
      >
        <ImpactFiguresView figures={impact.template} measure="template" title="Completion" />
      </Section>
      {impact.by_stage.map((stage) => (
        <Section
          key={stage.stage_id}
          title={stageName(stage.stage_id)}
          description="Selected: moved on from the stage; not selected: rejected there. Those still there and those who withdrew are left out."
        >
          <ImpactFiguresView figures={stage.selection} measure="selection" title="Selection" />
          {stage.scoring && (
            <ImpactFiguresView
              figures={stage.scoring.figures}
              measure="scoring"
              title={`Scoring: above the median score of ${stage.scoring.median_score} (${plural(stage.scoring.results, 'result')})`}
            />
          )}
        </Section>
      ))}
    </div>
  );
}
