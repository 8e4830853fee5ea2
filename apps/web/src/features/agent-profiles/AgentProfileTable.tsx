import type { AgentProfile } from '@stageflow/domain';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format.ts';
import { SCALE_LABELS, USE_CASE_LABELS } from '../../lib/labels.ts';
import { StatusBadge } from '../../ui/Badge.tsx';

export function AgentProfileTable({ profiles }: { profiles: readonly AgentProfile[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Interviewer</th>
            <th scope="col">Use case</th>
            <th scope="col">Dimensions</th>
            <th scope="col">Scale</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/agent-profiles/${p.id}`} className="row-link">
                  {p.name}
                </Link>
                <span className="row-sub">{p.persona}</span>
              </th>
              <td>{USE_CASE_LABELS[p.use_case]}</td>
              <td>
                <ul className="chips">
                  {p.evaluation_dimensions.map((d) => (
                    <li key={d.name} className="chip">
                      {d.name} <span className="chip-weight">{d.weight}</span>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="nowrap">{SCALE_LABELS[p.scoring.scale]}</td>
              <td>
                <StatusBadge status={p.status} label={p.status === 'active' ? 'Active' : 'Archived'} />
              </td>
              <td className="nowrap">{formatDate(p.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
