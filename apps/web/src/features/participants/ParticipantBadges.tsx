import type { ParticipantStatus, StageProgressState } from '@stageflow/domain';
import { formatScore } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { PARTICIPANT_STATUS, STAGE_STATE } from './participant-labels.ts';

/** "hire", "no hire": the template's label as a person reads it. */
export const recommendationText = (recommendation: string) => recommendation.replace(/_/g, ' ');

/** Where a participant stands overall; a finished one shows the recommendation they ended with. */
export function ParticipantStatusBadge({
  status,
  recommendation,
}: {
  status: ParticipantStatus;
  recommendation: string | null;
}) {
  const { label, tone } = PARTICIPANT_STATUS[status];
  return (
    <Badge tone={tone}>
      {label}
      {recommendation ? `: ${recommendationText(recommendation)}` : ''}
    </Badge>
  );
}

export function StageStateBadge({ state }: { state: StageProgressState }) {
  const { label, tone } = STAGE_STATE[state];
  return <Badge tone={tone}>{label}</Badge>;
}

/** "82.5 / 75 to pass", green at or above the pass mark and red below it. */
export function ScoreAgainstMark({ score, threshold }: { score: number | null; threshold: number | null }) {
  if (score === null) return <span className="muted">No score yet</span>;
  const passed = threshold === null || score >= threshold;
  return (
    <span className={`score-mark ${passed ? 'is-pass' : 'is-fail'}`}>
      <strong>{formatScore(score)}</strong>
      <span className="score-mark-of">
        {threshold === null ? ' · no pass mark' : ` / ${formatScore(threshold)} to pass`}
      </span>
    </span>
  );
}
