import type { Scorecard } from '@stageflow/domain';
import { formatScore } from '../../lib/format.ts';
import { SCALE_LABELS } from '../../lib/labels.ts';
import { Badge } from '../../ui/Badge.tsx';

/** A bar from 0 to 100 with the pass mark drawn on it. */
export function ScoreBar({
  value,
  threshold,
  label,
  tone,
}: {
  value: number;
  threshold?: number | null | undefined;
  label: string;
  tone?: 'pass' | 'fail' | 'neutral';
}) {
  const clamp = (n: number) => Math.max(0, Math.min(100, n));
  return (
    <div className={`score-bar tone-${tone ?? 'neutral'}`} role="img" aria-label={label}>
      <div className="score-bar-fill" style={{ width: `${clamp(value)}%` }} />
      {threshold != null && (
        <div className="score-bar-mark" style={{ left: `${clamp(threshold)}%` }} title={`Pass mark ${threshold}`} />
      )}
    </div>
  );
}

/** A completed session's result: overall against the pass mark that applied, then each dimension. */
export function ScorecardView({ scorecard }: { scorecard: Scorecard }) {
  const { overall_score: overall, threshold_applied: threshold, passed } = scorecard;
  const scaleMax = scorecard.scale ? Number(scorecard.scale.split('-')[1]) : null;
  return (
    <div className="scorecard">
      <div className="scorecard-overall">
        <div className="scorecard-overall-text">
          <span className="scorecard-overall-score">{formatScore(overall)}</span>
          <span className="muted">
            / 100 · {threshold === null ? 'no pass mark' : `pass mark ${formatScore(threshold)}`}
          </span>
          <Badge tone={passed ? 'success' : 'danger'}>{passed ? 'Passed' : 'Did not pass'}</Badge>
        </div>
        <ScoreBar
          value={overall}
          threshold={threshold}
          tone={passed ? 'pass' : 'fail'}
          label={`Overall ${formatScore(overall)} out of 100${threshold === null ? '' : `, pass mark ${formatScore(threshold)}`}`}
        />
      </div>
      {scorecard.dimension_scores.length > 0 && (
        <table className="dimension-scores">
          <caption className="visually-hidden">
            Scores by dimension{scorecard.scale ? `, on a scale of ${SCALE_LABELS[scorecard.scale]}` : ''}
          </caption>
          <thead className="visually-hidden">
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Weight</th>
              <th scope="col">Score</th>
              <th scope="col">Bar</th>
            </tr>
          </thead>
          <tbody>
            {scorecard.dimension_scores.map((d) => {
              const below = scorecard.below_min_score.includes(d.name);
              return (
                <tr key={d.name}>
                  <th scope="row">
                    {d.name}
                    {d.reasoning && <span className="row-sub">{d.reasoning}</span>}
                  </th>
                  <td className="nowrap muted">{d.weight}%</td>
                  <td className="nowrap">
                    {formatScore(d.score)}
                    {scaleMax !== null && <span className="muted"> / {scaleMax}</span>}
                    {below && (
                      <span className="text-danger">
                        {' '}
                        · below minimum {d.min_score !== null ? formatScore(d.min_score) : ''}
                      </span>
                    )}
                  </td>
                  <td className="dimension-bar-cell">
                    <ScoreBar
                      value={d.normalized}
                      tone={below ? 'fail' : 'neutral'}
                      label={`${d.name}: ${formatScore(d.normalized)} out of 100, weight ${d.weight}%`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {(scorecard.summary || scorecard.improvement_feedback) && (
        <dl className="scorecard-notes">
          {scorecard.summary && (
            <div>
              <dt>Summary</dt>
              <dd>{scorecard.summary}</dd>
            </div>
          )}
          {scorecard.improvement_feedback && (
            <div>
              <dt>To improve</dt>
              <dd>{scorecard.improvement_feedback}</dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}
