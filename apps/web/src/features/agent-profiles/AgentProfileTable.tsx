import type { AgentProfile } from '@stageflow/domain';
import { formatDate } from '../../lib/format.ts';
import { SCALE_LABELS, USE_CASE_LABELS } from '../../lib/labels.ts';
import { StatusBadge } from '../../ui/Badge.tsx';
import { type Column, DataTable, RowLink } from '../../ui/DataTable.tsx';

const COLUMNS: Column<AgentProfile>[] = [
  {
    header: 'Interviewer',
    rowHeader: true,
    cell: (p) => (
      <RowLink to={`/agent-profiles/${p.id}`} sub={p.persona}>
        {p.name}
      </RowLink>
    ),
  },
  { header: 'Use case', cell: (p) => USE_CASE_LABELS[p.use_case] },
  {
    header: 'Dimensions',
    cell: (p) => (
      <ul className="chips">
        {p.evaluation_dimensions.map((d) => (
          <li key={d.name} className="chip">
            {d.name} <span className="chip-weight">{d.weight}</span>
          </li>
        ))}
      </ul>
    ),
  },
  { header: 'Scale', className: 'nowrap', cell: (p) => SCALE_LABELS[p.scoring.scale] },
  {
    header: 'Status',
    cell: (p) => <StatusBadge status={p.status} label={p.status === 'active' ? 'Active' : 'Archived'} />,
  },
  { header: 'Updated', className: 'nowrap', cell: (p) => formatDate(p.updated_at) },
];

export function AgentProfileTable({ profiles }: { profiles: readonly AgentProfile[] }) {
  return <DataTable rows={profiles} columns={COLUMNS} rowKey={(p) => p.id} />;
}
