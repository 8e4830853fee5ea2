import type { RouterOutputs } from '../../app/trpc.ts';
import { formatDate } from '../../lib/format.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { DataTable, RowLink } from '../../ui/DataTable.tsx';
import { type SelectionState, shownState } from '../bulk/use-selection.ts';
import { ParticipantStatusBadge, ScoreAgainstMark, StageStateBadge } from './ParticipantBadges.tsx';
import type { TemplateStages } from './use-participant-data.ts';

type ParticipantRow = RouterOutputs['participants']['list']['items'][number];

interface ParticipantTableProps {
  rows: readonly ParticipantRow[];
  names: TemplateStages;
  /** Rows can be picked for a bulk action (those who may act on them): a box on each, and one for all shown. */
  selection?: SelectionState | undefined;
}

export function ParticipantTable({ rows, names, selection }: ParticipantTableProps) {
  const shown = rows.map((r) => r.id);
  return (
    <DataTable
      rows={rows}
      rowKey={(p) => p.id}
      rowClassName={(p) => (selection?.isSelected(p.id) ? 'is-selected' : undefined)}
      columns={[
        !!selection && {
          header: 'Select',
          className: 'select-cell',
          headerCell: (
            <Checkbox
              aria-label="Select everyone shown"
              checked={shownState(selection, shown)}
              onChange={(e) => selection.setShown(shown, e.target.checked)}
            />
          ),
          cell: (p) => (
            <Checkbox
              aria-label={`Select ${p.name}`}
              checked={selection.isSelected(p.id)}
              onChange={() => selection.toggle(p.id, shown)}
            />
          ),
        },
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
