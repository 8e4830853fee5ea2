import type { ReactNode } from 'react';
import { AUTOMATION_RULES, STAGE_TYPE_LABELS } from '../../lib/labels.ts';
import type { PreviewRow } from './import-preview.ts';

const label = <K extends string>(labels: Record<K, string | { label: string }>, key: string | undefined) => {
  if (key === undefined) return undefined;
  const value = (labels as Record<string, string | { label: string }>)[key];
  return value === undefined ? key : typeof value === 'string' ? value : value.label;
};

const muted = (text: string) => <span className="muted">{text}</span>;

interface PreviewColumn {
  header: string;
  cell: (row: PreviewRow) => ReactNode;
}

/** The columns after the stage's place and name (its row header). */
const COLUMNS: PreviewColumn[] = [
  { header: 'Stage type', cell: (row) => label(STAGE_TYPE_LABELS, row.stage_type) },
  { header: 'Type label', cell: (row) => <code>{row.type}</code> },
  {
    header: 'Agent profile',
    cell: (row) =>
      row.agent_profile ?? (row.needs_profile ? <span className="text-warning">None: needed</span> : muted('None')),
  },
  { header: 'Pass threshold', cell: (row) => row.pass_threshold ?? muted('None: everyone passes') },
  { header: 'On completion', cell: (row) => label(AUTOMATION_RULES, row.automation_rule ?? 'none') },
];

/**
 * The pasted stages as they will be created, each with any problem found in it. It fits its dialog with
 * every column shown: cells wrap instead of scrolling sideways, and on a narrow screen each stage is a
 * block of labelled lines (each cell carries its column's name in `data-label`).
 */
export function ImportPreviewTable({ rows }: { rows: readonly PreviewRow[] }) {
  return (
    <div className="import-preview">
      <table className="table table-compact import-preview-table">
        <caption className="visually-hidden">Stages to import</caption>
        <thead>
          <tr>
            <th scope="col" className="import-preview-place">
              Place
            </th>
            <th scope="col">Stage name</th>
            {COLUMNS.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // Rows are the pasted items in order, and nothing reorders them: the index is the item's identity.
            <tr key={i} className={row.problems.length ? 'row-invalid' : undefined}>
              <td data-label="Place" className="import-preview-place">
                {row.place ?? muted('—')}
              </td>
              <th scope="row" data-label="Stage name">
                {row.stage_name || muted('—')}
                {row.problems.map((problem) => (
                  <span key={problem} className="field-error row-problem">
                    {problem.charAt(0).toUpperCase() + problem.slice(1)}
                  </span>
                ))}
              </th>
              {COLUMNS.map((column) => (
                <td key={column.header} data-label={column.header}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
