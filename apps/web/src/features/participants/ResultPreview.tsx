import { formatScore } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { ScoreBar } from './ScorecardView.tsx';
import type { ScorecardPreview } from './scorecard-form.ts';

/** The overall of the scores typed so far, pass or not against the pass mark, and what the rules will do. */
export function ResultPreview({
  preview,
  threshold,
  outcomeText,
}: {
  preview: ScorecardPreview;
  threshold: number | null;
  outcomeText: string | null;
}) {
  const mark = threshold === null ? 'No pass mark: every result passes.' : `Pass mark ${formatScore(threshold)}.`;
  return (
    <section className="result-preview" aria-label="Preview" aria-live="polite">
      {preview.kind === 'ready' ? (
        <>
          <div className="result-preview-head">
            <span>
              Overall <strong className="result-preview-score">{formatScore(preview.scorecard.overall_score)}</strong>{' '}
              <span className="muted">out of 100</span>
            </span>
            <Badge tone={preview.scorecard.passed ? 'success' : 'danger'}>
              {preview.scorecard.passed ? 'Pass' : 'Below the pass mark'}
            </Badge>
          </div>
          <ScoreBar
            value={preview.scorecard.overall_score}
            threshold={threshold}
            tone={preview.scorecard.passed ? 'pass' : 'fail'}
            label={`Overall ${formatScore(preview.scorecard.overall_score)} out of 100`}
          />
          <p className="muted">
            {mark}
            {preview.scorecard.below_min_score.length > 0 &&
              ` Below the minimum on ${preview.scorecard.below_min_score.join(', ')}.`}
          </p>
          {outcomeText && (
            <p>
              <strong>What happens next:</strong> {outcomeText}
            </p>
          )}
        </>
      ) : preview.kind === 'invalid' ? (
        <p className="text-danger">{preview.message}</p>
      ) : (
        <p className="muted">
          {mark} Fill in {preview.missing > 1 ? `the ${preview.missing} remaining scores` : 'the score'} to see the
          overall and what happens next.
        </p>
      )}
    </section>
  );
}
