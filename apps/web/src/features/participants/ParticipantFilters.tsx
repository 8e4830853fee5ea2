import { trpc } from '../../app/trpc.ts';
import { ToolbarSearch, ToolbarSelect } from '../../ui/ListToolbar.tsx';
import { SelectOptions } from '../../ui/SelectOptions.tsx';
import { PARTICIPANT_STATUS_OPTIONS } from './participant-labels.ts';
import type { useParticipantFilters } from './use-participant-filters.ts';

/** Search, template, stage and status above the participant list. */
export function ParticipantFilters({ filters }: { filters: ReturnType<typeof useParticipantFilters> }) {
  const templates = trpc.templates.list.useQuery({ status: 'all' });
  const template = trpc.templates.byId.useQuery({ id: filters.template }, { enabled: filters.template !== '' });
  const stages = (template.data?.stages ?? []).filter((s) => s.status === 'active');

  return (
    <search className="toolbar toolbar-wrap">
      <ToolbarSearch
        label="Search participants"
        placeholder="Search by name or email…"
        value={filters.search}
        onChange={filters.setSearch}
      />
      <ToolbarSelect label="Template" value={filters.template} onChange={filters.setTemplate}>
        <option value="">All templates</option>
        <SelectOptions options={(templates.data ?? []).map((t) => ({ value: t.id, label: t.template_name }))} />
      </ToolbarSelect>
      <ToolbarSelect
        label="Stage"
        value={filters.stage}
        disabled={!filters.template}
        title={filters.template ? undefined : 'Pick a template to filter by its stages'}
        onChange={filters.setStage}
      >
        <option value="">All stages</option>
        <SelectOptions options={stages.map((s) => ({ value: s.id, label: s.stage_name }))} />
      </ToolbarSelect>
      <ToolbarSelect label="Status" value={filters.status} onChange={filters.setStatus}>
        <option value="">All statuses</option>
        <SelectOptions options={PARTICIPANT_STATUS_OPTIONS} />
      </ToolbarSelect>
    </search>
  );
}
