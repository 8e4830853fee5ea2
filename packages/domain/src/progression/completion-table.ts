/**
 * The completion table (docs/rules.md#completion-table): what a completed session at a stage leads to, one row per automation rule ×
 * passed × attempts left × auto_reject. It is data for tests, shared by the domain's table test and
 * the API's (through `@stageflow/domain/testing`), so both check the same rows.
 *
 * The stage under test has a pass mark of 70 and is followed by another stage; "attempts left" means 2
 * allowed and this is the first; the participant scores 80 (passed) or 50 (not passed).
 */
import type { AutomationRule } from '../schemas/stage.ts';
import type { DecisionReason, DecisionSuggestion, ParticipantStatus, StageProgressState } from './entities.ts';
import type { ParticipantEvent } from './events.ts';

export type CompletionRow = readonly [
  rule: AutomationRule,
  passed: boolean,
  attemptsLeft: boolean,
  autoReject: boolean,
  /** The tested stage's progress afterwards. */
  stageState: StageProgressState,
  participant: ParticipantStatus,
  /** Where the participant is afterwards: still at the tested stage, at the next one, or nowhere (terminal). */
  at: 'tested' | 'next' | null,
  /** The events after `session_completed`, in order. */
  after: readonly ParticipantEvent['type'][],
  /** The decision left open for a reviewer, if any. */
  decision: readonly [reason: DecisionReason, suggested: DecisionSuggestion] | null,
];

const ADVANCED = ['stage_passed', 'stage_entered'] as const;
const RETAKE = ['retake_available'] as const;
const REJECTED = ['stage_failed', 'participant_rejected'] as const;
const OPENED = ['decision_opened'] as const;
const PASSED = ['stage_passed'] as const;
const FAILED_HERE = ['stage_failed'] as const;
const APPROVAL = ['approval_required', 'advance'] as const;
const FAILED = ['failed_no_retakes', 'reject'] as const;

export const COMPLETION_TABLE: readonly CompletionRow[] = [
  ['auto_advance', true, true, false, 'passed', 'active', 'next', ADVANCED, null],
  ['auto_advance', true, true, true, 'passed', 'active', 'next', ADVANCED, null],
  ['auto_advance', true, false, false, 'passed', 'active', 'next', ADVANCED, null],
  ['auto_advance', true, false, true, 'passed', 'active', 'next', ADVANCED, null],
  ['auto_advance', false, true, false, 'retake_available', 'active', 'tested', RETAKE, null],
  ['auto_advance', false, true, true, 'retake_available', 'active', 'tested', RETAKE, null],
  ['auto_advance', false, false, false, 'awaiting_decision', 'active', 'tested', OPENED, FAILED],
  ['auto_advance', false, false, true, 'failed', 'rejected', null, REJECTED, null],
  ['require_reviewer_approval', true, true, false, 'awaiting_decision', 'active', 'tested', OPENED, APPROVAL],
  ['require_reviewer_approval', true, true, true, 'awaiting_decision', 'active', 'tested', OPENED, APPROVAL],
  ['require_reviewer_approval', true, false, false, 'awaiting_decision', 'active', 'tested', OPENED, APPROVAL],
  ['require_reviewer_approval', true, false, true, 'awaiting_decision', 'active', 'tested', OPENED, APPROVAL],
  ['require_reviewer_approval', false, true, false, 'retake_available', 'active', 'tested', RETAKE, null],
  ['require_reviewer_approval', false, true, true, 'retake_available', 'active', 'tested', RETAKE, null],
  ['require_reviewer_approval', false, false, false, 'awaiting_decision', 'active', 'tested', OPENED, FAILED],
  ['require_reviewer_approval', false, false, true, 'awaiting_decision', 'active', 'tested', OPENED, FAILED],
  ['none', true, true, false, 'passed', 'active', 'tested', PASSED, null],
  ['none', true, true, true, 'passed', 'active', 'tested', PASSED, null],
  ['none', true, false, false, 'passed', 'active', 'tested', PASSED, null],
  ['none', true, false, true, 'passed', 'active', 'tested', PASSED, null],
  ['none', false, true, false, 'retake_available', 'active', 'tested', RETAKE, null],
  ['none', false, true, true, 'retake_available', 'active', 'tested', RETAKE, null],
  ['none', false, false, false, 'failed', 'active', 'tested', FAILED_HERE, null],
  ['none', false, false, true, 'failed', 'active', 'tested', FAILED_HERE, null],
];

/** A row's key; the table has exactly one row for each of the 3 × 2 × 2 × 2 keys. */
export const completionRowKey = ([rule, passed, attemptsLeft, autoReject]: CompletionRow) =>
  `${rule}/${passed}/${attemptsLeft}/${autoReject}`;
