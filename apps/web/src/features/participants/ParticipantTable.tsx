import { Link } from 'react-router';
import type { RouterOutputs } from '../../app/trpc.ts';
import { formatDate } from '../../lib/format.ts';
import { ParticipantStatusBadge, ScoreAgainstMark, StageStateBadge } from './ParticipantBadges.tsx';
import type { TemplateStages } from './use-participant-data.ts';

type ParticipantRow = RouterOutputs['participants']['list']['items'][number];

export function ParticipantTable({ rows, names }: { rows: readonly ParticipantRow[]; names: TemplateStages }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Participant</th>
            <th scope="col">Template</th>
            <th scope="col">Current stage</th>
            <th scope="col">Last score</th>
            <th scope="col">Status</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/participants/${p.id}`} className="row-link">
                  {p.name}
                </Link>
                <span className="row-sub">{p.email}</span>
              </th>
              <td>{names.templateNames.get(p.evaluation_template_id) ?? <span className="muted">…</span>}</td>
              <td>
                {p.current_stage_id ? (
                  <div className="cell-stack">
                    <span>{names.stageName(p.current_stage_id)}</span>
                    {p.stage_state && <StageStateBadge state={p.stage_state} />}
                  </div>
                ) : (
                  <span className="muted">Finished</span>
                )}
              </td>
              <td className="nowrap">
                {p.current_stage_id ? (
                  <ScoreAgainstMark score={p.last_score} threshold={p.pass_threshold} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <ParticipantStatusBadge status={p.status} recommendation={p.recommendation} />
              </td>
              <td className="nowrap">{formatDate(p.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
