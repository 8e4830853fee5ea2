import { useId } from 'react';
import { trpc } from '../../app/trpc.ts';
import { PARTICIPANT_STATUS_OPTIONS } from './participant-labels.ts';
import type { useParticipantFilters } from './use-participant-filters.ts';

/** Search, template, stage and status above the participant list. */
export function ParticipantFilters({ filters }: { filters: ReturnType<typeof useParticipantFilters> }) {
  const ids = { search: useId(), template: useId(), stage: useId(), status: useId() };
  const templates = trpc.templates.list.useQuery({ status: 'all' });
  const template = trpc.templates.byId.useQuery({ id: filters.template }, { enabled: filters.template !== '' });
  const stages = (template.data?.stages ?? []).filter((s) => s.status === 'active');

  return (
    <search className="toolbar toolbar-wrap">
      <div className="toolbar-field toolbar-grow">
        <label htmlFor={ids.search} className="visually-hidden">
          Search participants
        </label>
        <input
          id={ids.search}
          type="search"
          className="search-input"
          placeholder="Search by name or email…"
          value={filters.search}
          onChange={(e) => filters.setSearch(e.target.value)}
        />
      </div>
      <div className="toolbar-field">
        <label htmlFor={ids.template} className="visually-hidden">
          Template
        </label>
        <select id={ids.template} value={filters.template} onChange={(e) => filters.setTemplate(e.target.value)}>
          <option value="">All templates</option>
          {templates.data?.map((t) => (
            <option key={t.id} value={t.id}>
              {t.template_name}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar-field">
        <label htmlFor={ids.stage} className="visually-hidden">
          Stage
        </label>
        <select
          id={ids.stage}
          value={filters.stage}
          disabled={!filters.template}
          title={filters.template ? undefined : 'Pick a template to filter by its stages'}
          onChange={(e) => filters.setStage(e.target.value)}
        >
          <option value="">All stages</option>
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.stage_name}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar-field">
        <label htmlFor={ids.status} className="visually-hidden">
          Status
        </label>
        <select id={ids.status} value={filters.status} onChange={(e) => filters.setStatus(e.target.value)}>
          <option value="">All statuses</option>
          {PARTICIPANT_STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}
