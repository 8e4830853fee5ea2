import { z } from 'zod';
import { type CompletionOutcome, completionOutcome } from '../progression/completion.ts';
import type {
  DecisionOutcome,
  DecisionSuggestion,
  RulesSnapshot,
  StageProgressState,
} from '../progression/entities.ts';
import { attemptsAllowed } from '../progression/lookups.ts';
import { type JudgedResult, resultPasses } from '../progression/scoring.ts';
import type { StageType } from '../schemas/stage.ts';

/**
 * What the rules did with a participant's latest result at a stage (docs/rules.md#completion-table): moved
 * them on, rejected them, opened a decision, held them at the stage passed or failed, or opened a retake.
 */
export const RuleOutcome = z.enum([
  'advanced',
  'rejected',
  'awaiting_decision',
  'held_passed',
  'held_failed',
  'retake',
]);
export type RuleOutcome = z.infer<typeof RuleOutcome>;

/** How a person went against what a result said (docs/rules.md#rule-simulation): such stages are not re-decided. */
export const Override = z.enum(['decided_against_suggestion', 'advanced_by_hand', 'rejected_by_hand']);
export type Override = z.infer<typeof Override>;

/** A completed session as the replay reads it: its scorecard's facts, and whether it passed when judged. */
export interface RecordedAttempt extends JudgedResult {
  readonly session_id: string;
  readonly completed_at: string;
  readonly passed: boolean;
  /** An interviewer's score no quote backs: whatever the rules, a reviewer decides (docs/rules.md#needs-review). */
  readonly needs_review: boolean;
}

/** A decision at the stage: about a session's result, or (no session) a participant's request for a person. */
export interface RecordedDecision {
  readonly session_id: string | null;
  readonly suggested: DecisionSuggestion | null;
  /** `null` while open, or when it closed without an outcome (the participant withdrew). */
  readonly outcome: DecisionOutcome | null;
}

/** One participant's record at one stage: what the store keeps, as the replay reads it. */
export interface StageRecord {
  readonly participant_id: string;
  readonly stage_id: string;
  /** The stage's type today (read live, as the decider reads it). */
  readonly stage_type: StageType;
  readonly left_at: string | null;
  readonly state: StageProgressState;
  /** The rules snapshot they were judged by. */
  readonly rules: RulesSnapshot;
  readonly retakes_granted: number;
  /** Their evaluation ended at this stage (rejected or withdrawn there); `null` otherwise. */
  readonly ended: 'rejected' | 'withdrawn' | null;
  /** Completed sessions at the stage, in attempt order. */
  readonly attempts: readonly RecordedAttempt[];
  readonly decisions: readonly RecordedDecision[];
}

/**
 * Whether a person went against what the results at this stage said: a decision decided (or closed by a move
 * by hand) against its suggestion, a retake granted included, or a request for a person decided directly
 * after a result (it suggests nothing); advanced by hand without passing; or rejected by hand when the rules
 * had not failed the stage nor suggested rejecting. `null` when nobody did, or when there is no result.
 */
export function overrideOf(r: StageRecord): Override | null {
  if (r.attempts.length === 0) return null;
  // A stay holds a result or three and rarely a decision: a scan each beats a set built for every stay.
  const about = r.decisions.filter(
    (d) => d.session_id === null || r.attempts.some((a) => a.session_id === d.session_id),
  );
  if (about.some((d) => d.outcome !== null && d.outcome !== d.suggested)) return 'decided_against_suggestion';
  if (r.state === 'skipped') return 'advanced_by_hand';
  const suggestedReject = about.some((d) => d.suggested === 'reject');
  if (r.ended === 'rejected' && r.state !== 'failed' && !suggestedReject) return 'rejected_by_hand';
  return null;
}

/**
 * What the rules did with the latest result, read from the record (not from the rules): a decision about
 * it, or the stage's state and whether the participant left it in the same instant the result was recorded
 * (the same command: the rules moved them), or later (a person did). `null` when no result was recorded.
 */
export function recordedOutcome(r: StageRecord): RuleOutcome | null {
  const last = r.attempts.at(-1);
  if (!last) return null;
  if (r.decisions.some((d) => d.session_id === last.session_id)) return 'awaiting_decision';
  const leftWithResult = r.left_at !== null && r.left_at === last.completed_at;
  if (r.stage_type === 'final_review') {
    if (last.passed) return 'advanced';
    return r.state === 'failed' ? 'rejected' : 'retake';
  }
  if (last.passed) return leftWithResult && r.ended === null ? 'advanced' : 'held_passed';
  if (r.state === 'failed') return leftWithResult && r.ended === 'rejected' ? 'rejected' : 'held_failed';
  return 'retake';
}

const OUTCOME_OF: Record<CompletionOutcome['kind'], (o: CompletionOutcome) => RuleOutcome> = {
  advance: () => 'advanced',
  complete: () => 'advanced',
  reject: () => 'rejected',
  open_decision: () => 'awaiting_decision',
  wait: (o) => (o.kind === 'wait' && o.state === 'passed' ? 'held_passed' : 'held_failed'),
  retake_available: () => 'retake',
};

/** The replay of one stage: the outcome, the attempt it came at, and whether that result passed. */
export interface Replayed {
  readonly outcome: RuleOutcome;
  readonly attempt: RecordedAttempt;
  readonly passed: boolean;
  /** The pass mark it was judged against. */
  readonly threshold: number | null;
}

/**
 * docs/rules.md#rule-simulation: the stored results at a stage replayed, in order, through the rules given.
 * Each is judged by the pass rule (`resultPasses`) and handed to the completion table (`completionOutcome`);
 * a retake goes on to the next stored attempt, anything else ends the stay there. When the rules open a
 * retake after the last stored attempt, that is the answer. `null` when no result was recorded.
 */
export function replayStage(r: StageRecord, rules: RulesSnapshot): Replayed | null {
  const allowed = attemptsAllowed({ rules, retakes_granted: r.retakes_granted });
  for (const [i, attempt] of r.attempts.entries()) {
    const passed = resultPasses(attempt, rules.pass_threshold);
    const outcome = completionOutcome(rules, r.stage_type, passed, i + 1, allowed, attempt.needs_review);
    if (outcome.kind !== 'retake_available' || i === r.attempts.length - 1) {
      return { outcome: OUTCOME_OF[outcome.kind](outcome), attempt, passed, threshold: rules.pass_threshold };
    }
  }
  return null;
}
