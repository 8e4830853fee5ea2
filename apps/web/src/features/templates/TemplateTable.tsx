import { Link } from 'react-router';
import type { RouterOutputs } from '../../app/trpc.ts';
import { formatDate } from '../../lib/format.ts';
import { STATUS_LABELS, USE_CASE_LABELS } from '../../lib/labels.ts';
import { StatusBadge } from '../../ui/Badge.tsx';

type TemplateRow = RouterOutputs['templates']['list'][number];

export function TemplateTable({ templates }: { templates: readonly TemplateRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Template</th>
            <th scope="col">Use case</th>
            <th scope="col">Pipeline</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id}>
              <th scope="row">
                <Link to={`/templates/${t.id}`} className="row-link">
                  {t.template_name}
                </Link>
                {t.objective && <span className="row-sub">{t.objective}</span>}
              </th>
              <td>{USE_CASE_LABELS[t.use_case]}</td>
              <td>
                {t.stage_count === 0 ? (
                  <span className="muted">No stages yet</span>
                ) : (
                  <span className="pipeline-inline">{t.stage_names.join(' → ')}</span>
                )}
              </td>
              <td>
                <StatusBadge status={t.status} label={STATUS_LABELS[t.status]} />
              </td>
              <td className="nowrap">{formatDate(t.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
