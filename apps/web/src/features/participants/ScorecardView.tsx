import type { ReplacedScorecard, Scorecard, TranscriptEntry } from '@stageflow/domain';
import { formatDateTime, formatScore, plural } from '../../lib/format.ts';
import { SCALE_LABELS } from '../../lib/labels.ts';
import { Badge } from '../../ui/Badge.tsx';
import { droppedText, evidenceFacts, scoredByText } from './scorecard-words.ts';

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

/** A completed session's result: who scored it, overall against the pass mark that applied, then each dimension with its evidence. */
export function ScorecardView({
  scorecard,
  personName,
  replaced = [],
}: {
  scorecard: Scorecard;
  /** A person by their audit-trail actor (`user:<id>`): who scored or replaced it. */
  personName: (actor: string) => string;
  /** The interviewer's scorecards a reviewer replaced with this one, oldest first. */
  replaced?: readonly ReplacedScorecard[];
}) {
  return (
    <div className="scorecard">
      <ScoreBreakdown scorecard={scorecard} personName={personName} />
      {replaced.map((r) => (
        <details key={r.replaced_at} className="scorecard-replaced">
          <summary>
            The earlier score ({formatScore(r.scorecard.overall_score)} out of 100) was corrected by{' '}
            {personName(r.replaced_by)} on {formatDateTime(r.replaced_at)}
          </summary>
          <blockquote className="note-quote">{r.note}</blockquote>
          <ScoreBreakdown scorecard={r.scorecard} personName={personName} />
        </details>
      ))}
      {scorecard.transcript.length > 0 && <TranscriptView transcript={scorecard.transcript} />}
    </div>
  );
}

function ScoreBreakdown({ scorecard, personName }: { scorecard: Scorecard; personName: (actor: string) => string }) {
  const { overall_score: overall, threshold_applied: threshold, passed } = scorecard;
  const scaleMax = scorecard.scale ? Number(scorecard.scale.split('-')[1]) : null;
  const byModel = scorecard.scored_by?.kind === 'model';
  const scoredBy = scoredByText(scorecard.scored_by, personName);
  const evidence = evidenceFacts(scorecard);
  const dropped = droppedText(evidence.dropped);
  return (
    <div className="scorecard-body">
      {scorecard.needs_review && (
        <p className="scorecard-review" role="note">
          <strong>Needs review.</strong> No quote of the participant backs the interviewer’s score for{' '}
          {evidence.unverified.join(', ') || 'every dimension'}, so it moved nobody: a reviewer decides, or replaces the
          score with their own.
        </p>
      )}
      <div className="scorecard-overall">
        <div className="scorecard-overall-text">
          <span className="scorecard-overall-score">{formatScore(overall)}</span>
          <span className="muted">
            out of 100 · {threshold === null ? 'no pass mark' : `pass mark ${formatScore(threshold)}`}
          </span>
          <Badge tone={passed ? 'success' : 'danger'}>{passed ? 'Passed' : 'Did not pass'}</Badge>
          {scorecard.needs_review && <Badge tone="warning">Needs review</Badge>}
        </div>
        <ScoreBar
          value={overall}
          threshold={threshold}
          tone={passed ? 'pass' : 'fail'}
          label={`Overall ${formatScore(overall)} out of 100${threshold === null ? '' : `, pass mark ${formatScore(threshold)}`}`}
        />
        {(scoredBy || dropped) && (
          <p className="scorecard-by muted">{[scoredBy, dropped].filter(Boolean).join(' · ')}</p>
        )}
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
                    {d.evidence.length > 0 && (
                      <ul className="evidence-list" aria-label={`What they said about ${d.name}`}>
                        {d.evidence.map((quote) => (
                          <li key={quote}>
                            <blockquote className="evidence-quote">{quote}</blockquote>
                          </li>
                        ))}
                      </ul>
                    )}
                    {byModel && d.evidence.length === 0 && (
                      <span className="row-sub text-warning">No quote of the participant backs this score.</span>
                    )}
                    {d.evidence_dropped > 0 && (
                      <span className="row-sub muted">
                        {plural(d.evidence_dropped, 'quote')} dropped: the participant never said{' '}
                        {d.evidence_dropped === 1 ? 'it' : 'them'}
                      </span>
                    )}
                  </th>
                  <td className="nowrap muted">{d.weight}%</td>
                  <td className="nowrap">
                    {formatScore(d.score)}
                    {scaleMax !== null && <span className="muted"> out of {scaleMax}</span>}
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

/** How an interview's turns name their speakers (docs/entities.md#session-turn); a name typed by staff stays as it is. */
const SPEAKER_ROLES: Record<string, string> = { interviewer: 'Interviewer', participant: 'Participant' };

/** What was said, turn by turn, folded away until asked for. */
export function TranscriptView({
  transcript,
  open = false,
}: {
  transcript: readonly TranscriptEntry[];
  open?: boolean;
}) {
  return (
    <details className="transcript" open={open}>
      <summary>Transcript ({plural(transcript.length, 'turn')})</summary>
      <ol className="transcript-turns">
        {transcript.map((turn, i) => (
          // Turns have no id of their own; their place in the record is theirs, and never changes.
          <li key={i} className={`transcript-turn ${turn.speaker === 'participant' ? 'participant' : ''}`}>
            <span className="transcript-speaker">{SPEAKER_ROLES[turn.speaker] ?? turn.speaker}</span>
            <p>{turn.text}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}
