import type { RouterOutputs } from '../../app/trpc.ts';
import { formatDate } from '../../lib/format.ts';
import { STATUS_LABELS, USE_CASE_LABELS } from '../../lib/labels.ts';
import { StatusBadge } from '../../ui/Badge.tsx';
import { type Column, DataTable, RowLink } from '../../ui/DataTable.tsx';
import { ReadinessBadge } from './ReadinessBadge.tsx';

type TemplateRow = RouterOutputs['templates']['list'][number];

const COLUMNS: Column<TemplateRow>[] = [
  {
    header: 'Template',
    rowHeader: true,
    cell: (t) => (
      <RowLink to={`/templates/${t.id}`} sub={t.objective}>
        {t.template_name}
      </RowLink>
    ),
  },
  { header: 'Use case', cell: (t) => USE_CASE_LABELS[t.use_case] },
  {
    header: 'Pipeline',
    cell: (t) =>
      t.stage_count === 0 ? (
        <span className="muted">No stages yet</span>
      ) : (
        <span className="pipeline-inline">{t.stage_names.join(' → ')}</span>
      ),
  },
  {
    header: 'Status',
    cell: (t) => (
      <div className="cell-badges">
        <StatusBadge status={t.status} label={STATUS_LABELS[t.status]} />
        <ReadinessBadge status={t.status} problems={t.problems} />
      </div>
    ),
  },
  { header: 'Updated', className: 'nowrap', cell: (t) => formatDate(t.updated_at) },
];

export function TemplateTable({ templates }: { templates: readonly TemplateRow[] }) {
  return <DataTable rows={templates} columns={COLUMNS} rowKey={(t) => t.id} />;
}
