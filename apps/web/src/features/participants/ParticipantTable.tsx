import type { RouterOutputs } from '../../app/trpc.ts';
import { formatDate } from '../../lib/format.ts';
import { DataTable, RowLink } from '../../ui/DataTable.tsx';
import { ParticipantStatusBadge, ScoreAgainstMark, StageStateBadge } from './ParticipantBadges.tsx';
import type { TemplateStages } from './use-participant-data.ts';

type ParticipantRow = RouterOutputs['participants']['list']['items'][number];

export function ParticipantTable({ rows, names }: { rows: readonly ParticipantRow[]; names: TemplateStages }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(p) => p.id}
      columns={[
        {
          header: 'Participant',
          rowHeader: true,
          cell: (p) => (
            <RowLink to={`/participants/${p.id}`} sub={p.email}>
              {p.name}
            </RowLink>
          ),
        },
        {
          header: 'Template',
          cell: (p) => names.templateNames.get(p.evaluation_template_id) ?? <span className="muted">…</span>,
        },
        {
          header: 'Current stage',
          cell: (p) =>
            p.current_stage_id ? (
              <div className="cell-stack">
                <span>{names.stageName(p.current_stage_id)}</span>
                {p.stage_state && <StageStateBadge state={p.stage_state} />}
              </div>
            ) : (
              <span className="muted">Finished</span>
            ),
        },
        {
          header: 'Last score',
          className: 'nowrap',
          cell: (p) =>
            p.current_stage_id ? (
              <ScoreAgainstMark score={p.last_score} threshold={p.pass_threshold} />
            ) : (
              <span className="muted">—</span>
            ),
        },
        {
          header: 'Status',
          cell: (p) => <ParticipantStatusBadge status={p.status} recommendation={p.recommendation} />,
        },
        { header: 'Added', className: 'nowrap', cell: (p) => formatDate(p.created_at) },
      ]}
    />
  );
}
