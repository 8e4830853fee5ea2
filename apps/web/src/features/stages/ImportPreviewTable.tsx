import { AUTOMATION_RULES, STAGE_TYPE_LABELS } from '../../lib/labels.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import type { PreviewRow } from './import-preview.ts';

const label = <K extends string>(labels: Record<K, string | { label: string }>, key: string | undefined) => {
  if (key === undefined) return undefined;
  const value = (labels as Record<string, string | { label: string }>)[key];
  return value === undefined ? key : typeof value === 'string' ? value : value.label;
};

/** The pasted stages as they will be created, each with any problem found in it. */
export function ImportPreviewTable({ rows }: { rows: readonly PreviewRow[] }) {
  return (
    <DataTable
      rows={rows}
      caption="Stages to import"
      className="table-compact"
      rowKey={(_row, i) => i}
      rowClassName={(row) => (row.problems.length ? 'row-invalid' : undefined)}
      columns={[
        { header: '#', cell: (row, i) => row.stage_order ?? i },
        {
          header: 'Stage name',
          rowHeader: true,
          cell: (row) => (
            <>
              {row.stage_name || <span className="muted">—</span>}
              {row.problems.map((problem) => (
                <span key={problem} className="field-error row-problem">
                  {problem}
                </span>
              ))}
            </>
          ),
        },
        { header: 'Type', cell: (row) => <code>{row.type}</code> },
        { header: 'Format', cell: (row) => label(STAGE_TYPE_LABELS, row.stage_type) },
        { header: 'Pass mark', cell: (row) => row.pass_threshold ?? <span className="muted">None</span> },
        { header: 'On completion', cell: (row) => label(AUTOMATION_RULES, row.automation_rule ?? 'none') },
      ]}
    />
  );
}
