import type { EvaluationTemplate } from '@stageflow/domain';
import type { ReactNode } from 'react';
import { DIFFICULTY_LABELS, SUCCESS_OUTCOME_LABELS, USE_CASE_LABELS } from '../../lib/labels.ts';

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="detail">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const orDash = (text: string | undefined) => (text?.trim() ? text : <span className="muted">Not set</span>);

function Chips({ items }: { items: readonly string[] }) {
  if (items.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="chips">
      {items.map((item) => (
        <li key={item} className="chip">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** What the template is for, read-only; "Edit details" on the page opens the editor. */
export function TemplateOverview({ template }: { template: EvaluationTemplate }) {
  const outcome =
    template.success_outcome === 'custom' && template.custom_outcome_labels
      ? `${template.custom_outcome_labels.positive} / ${template.custom_outcome_labels.negative}`
      : SUCCESS_OUTCOME_LABELS[template.success_outcome];
  return (
    <section className="card" aria-labelledby="overview-title">
      <h2 id="overview-title" className="section-title">
        Overview
      </h2>
      <dl className="details">
        <Detail term="Objective">{orDash(template.objective)}</Detail>
        <Detail term="Use case">{USE_CASE_LABELS[template.use_case]}</Detail>
        <Detail term="Outcome">{outcome}</Detail>
        <Detail term="Participant portal">
          {template.portal_shows_recommendation
            ? 'Shows the final recommendation'
            : 'Does not show the final recommendation'}
        </Detail>
        <Detail term="Stage defaults">
          {template.default_duration_minutes} min · {DIFFICULTY_LABELS[template.default_difficulty]}
        </Detail>
        <Detail term="Skills">
          <Chips items={template.skills} />
        </Detail>
        {template.soft_skills.length > 0 && (
          <Detail term="Soft skills">
            <Chips items={template.soft_skills} />
          </Detail>
        )}
        <Detail term="Requirements">{orDash(template.requirements)}</Detail>
        {template.description?.trim() && <Detail term="Description">{template.description}</Detail>}
        {(template.industry || template.level) && (
          <Detail term="Industry · level">{[template.industry, template.level].filter(Boolean).join(' · ')}</Detail>
        )}
      </dl>
    </section>
  );
}
