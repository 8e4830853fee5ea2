import { Field } from '../../ui/Field.tsx';
import { TemplateSelect } from '../participants/TemplateSelect.tsx';
import type { AnalyticsFilters as Filters } from './use-analytics-filters.ts';

interface Props {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  /** The period's tags, to pick one from. */
  tags: readonly { tag: string; participants: number }[];
  /** The server's word on a field (a bad date), beside it. */
  errors: Partial<Record<'from' | 'to', string>>;
}

/** Which participants the figures are about: a template, a period of enrolment, a tag. */
export function AnalyticsFilters({ filters, onChange, tags, errors }: Props) {
  return (
    <div className="analytics-filters">
      <TemplateSelect
        value={filters.template}
        onChange={(template) => onChange({ template })}
        hint="Its active stages, and the ones its participants passed through."
      />
      <Field label="Enrolled from" optional error={errors.from}>
        {(p) => <input {...p} type="date" value={filters.from} onChange={(e) => onChange({ from: e.target.value })} />}
      </Field>
      <Field label="Enrolled to" optional error={errors.to}>
        {(p) => <input {...p} type="date" value={filters.to} onChange={(e) => onChange({ to: e.target.value })} />}
      </Field>
      <Field label="Tag" optional>
        {(p) => (
          <select {...p} value={filters.tag} onChange={(e) => onChange({ tag: e.target.value })}>
            <option value="">Everyone</option>
            {tags.map((t) => (
              <option key={t.tag} value={t.tag}>
                {t.tag} ({t.participants})
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
