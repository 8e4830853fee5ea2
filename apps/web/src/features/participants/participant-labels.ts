import type {
  DecisionOutcome,
  DecisionReason,
  DecisionSuggestion,
  ParticipantStatus,
  SessionStatus,
  StageProgressState,
} from '@stageflow/domain';
import type { BadgeTone } from '../../ui/Badge.tsx';

/** Words and colours for participants, their stage progress, sessions and decisions: one place for every screen. */
export const PARTICIPANT_STATUS: Record<ParticipantStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'In progress', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
  withdrawn: { label: 'Withdrawn', tone: 'neutral' },
};

export const STAGE_STATE: Record<StageProgressState, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Not started', tone: 'neutral' },
  scheduled: { label: 'Scheduled', tone: 'info' },
  in_progress: { label: 'In progress', tone: 'info' },
  retake_available: { label: 'Retake available', tone: 'warning' },
  awaiting_decision: { label: 'Awaiting decision', tone: 'warning' },
  passed: { label: 'Passed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  // Moved on by hand or by a reviewer's decision without passing: never shown as a pass.
  skipped: { label: 'Advanced without passing', tone: 'warning' },
};

export const SESSION_STATUS: Record<SessionStatus, { label: string; tone: BadgeTone }> = {
  scheduled: { label: 'Scheduled', tone: 'info' },
  in_progress: { label: 'In progress', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Technical failure', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export const DECISION_REASON: Record<DecisionReason, string> = {
  approval_required: 'Passed; this stage needs a reviewer’s approval to move on',
  failed_no_retakes: 'Did not pass and has no attempts left',
  human_alternative: 'Asked for a person to run this stage instead of the AI interviewer',
  scorecard_needs_review:
    'The AI interviewer’s score has a dimension that no quote of the participant backs: check it against the transcript',
  scorecard_corrected:
    'A score was corrected after the stage’s rules had acted on it: nobody was moved; check whether anything should change',
};

export const SUGGESTION_LABEL: Record<DecisionSuggestion, string> = {
  advance: 'Advance',
  reject: 'Reject',
};

export const OUTCOME_LABEL: Record<DecisionOutcome, string> = {
  advance: 'Advance',
  reject: 'Reject',
  retake: 'Retake',
  keep: 'Kept as it is',
};

export const PARTICIPANT_STATUS_OPTIONS = (Object.keys(PARTICIPANT_STATUS) as ParticipantStatus[]).map((value) => ({
  value,
  label: PARTICIPANT_STATUS[value].label,
}));
