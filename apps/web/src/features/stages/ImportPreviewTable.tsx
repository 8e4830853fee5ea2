import { AUTOMATION_RULES, STAGE_TYPE_LABELS } from '../../lib/labels.ts';
import type { PreviewRow } from './import-preview.ts';

const label = <K extends string>(labels: Record<K, string | { label: string }>, key: string | undefined) => {
  if (key === undefined) return undefined;
  const value = (labels as Record<string, string | { label: string }>)[key];
  return value === undefined ? key : typeof value === 'string' ? value : value.label;
};

/** The pasted stages as they will be created, each with any problem found in it. */
export function ImportPreviewTable({ rows }: { rows: readonly PreviewRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Stages to import</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Stage name</th>
            <th scope="col">Type</th>
            <th scope="col">Format</th>
            <th scope="col">Pass mark</th>
            <th scope="col">On completion</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className={row.problems.length ? 'row-invalid' : undefined}>
              <td>{row.stage_order ?? i}</td>
              <th scope="row">
                {row.stage_name || <span className="muted">—</span>}
                {row.problems.map((problem) => (
                  <span key={problem} className="field-error row-problem">
                    {problem}
                  </span>
                ))}
              </th>
              <td>
                <code>{row.type}</code>
              </td>
              <td>{label(STAGE_TYPE_LABELS, row.stage_type)}</td>
              <td>{row.pass_threshold ?? <span className="muted">None</span>}</td>
              <td>{label(AUTOMATION_RULES, row.automation_rule ?? 'none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
