import type { StageType } from '../schemas/stage.ts';
import type {
  Decision,
  DecisionOutcome,
  DecisionReason,
  DecisionSuggestion,
  Participant,
  RulesSnapshot,
  Session,
} from './entities.ts';
import type { Scorecard, ScoredBy } from './scorecard.ts';
import type { ScoringFailureReason } from './scorecard-input.ts';

interface Envelope<T extends string, D> {
  readonly type: T;
  readonly participant_id: string;
  /** `user:<id>`, `api_key:<id>`, `participant:<id>`, or `system` for what an automation rule did by itself. */
  readonly actor: string;
  readonly occurred_at: string;
  /** The bulk action this event is one person's part of; absent otherwise. */
  readonly bulk_action_id?: string;
  readonly data: D;
}

/** What made a stage outcome happen: an automation rule, a reviewer's decision, a final review's result, or an admin. */
export type OutcomeTrigger = 'automation' | 'decision' | 'final_review' | 'manual';

/** Why the participant left a stage with things still open there. */
export type LeaveCause = 'participant_advanced' | 'participant_rejected' | 'participant_withdrawn';

/**
 * Why an open decision closed without anyone deciding it: the participant left the stage, a result
 * was recorded at the stage, which answers a `human_alternative` request (docs/rules.md#consent-to-an-ai-run-stage),
 * or a reviewer replaced the interviewer's score it was about (docs/rules.md#replacing-an-interviewers-score).
 */
export type CloseCause = LeaveCause | 'result_recorded' | 'scorecard_replaced';

/**
 * The facts behind an outcome, carried by every outcome event so the audit trail explains itself:
 * the score (if any) against the threshold, and the rules the participant entered the stage with.
 */
export interface OutcomeBasis {
  readonly stage_id: string;
  /** The session whose scorecard drove the outcome (for manual moves: the latest completed one, if any). */
  readonly session_id: string | null;
  readonly overall_score: number | null;
  readonly threshold_applied: number | null;
  readonly rules: RulesSnapshot;
  readonly attempts_used: number;
  readonly attempts_allowed: number;
}

interface Moved extends OutcomeBasis {
  readonly trigger: OutcomeTrigger;
  readonly note: string | null;
  /** Set when a reviewer's decision made the move. */
  readonly decision_id: string | null;
}

/** Only the fields that changed. */
export type ParticipantChanges = Partial<
  Pick<Participant, 'name' | 'email' | 'external_id' | 'phone' | 'tags' | 'profile' | 'background' | 'metadata'>
>;

export type ParticipantEnrolled = Envelope<'participant_enrolled', { readonly participant: Participant }>;
export type ParticipantUpdated = Envelope<'participant_updated', { readonly changes: ParticipantChanges }>;
export type StageEntered = Envelope<
  'stage_entered',
  {
    readonly stage_id: string;
    readonly stage_name: string;
    readonly stage_type: StageType;
    readonly stage_order: number | null;
    /** The rules snapshot the participant will be judged by at this stage. */
    readonly rules: RulesSnapshot;
    /** `null` on enrolment. */
    readonly from_stage_id: string | null;
    /** Draft stages between the previous stage and this one, passed over. */
    readonly skipped_draft_stage_ids: readonly string[];
  }
>;
export type SessionScheduled = Envelope<
  'session_scheduled',
  {
    readonly session: Session;
    /** `record_result` creates and completes a session in one step: this event is followed by its completion. */
    readonly via: 'schedule' | 'record_result';
  }
>;
export type SessionRescheduled = Envelope<
  'session_rescheduled',
  {
    readonly session_id: string;
    readonly stage_id: string;
    readonly previous_scheduled_at: string;
    readonly scheduled_at: string;
    readonly timezone: string;
    readonly notes: string | null;
  }
>;
export type SessionStarted = Envelope<
  'session_started',
  { readonly session_id: string; readonly stage_id: string; readonly attempt: number }
>;
export type SessionCompleted = Envelope<
  'session_completed',
  {
    readonly session_id: string;
    readonly stage_id: string;
    readonly attempt: number;
    readonly scorecard: Scorecard;
    /** Counting this session. */
    readonly attempts_used: number;
    readonly attempts_allowed: number;
    readonly rules: RulesSnapshot;
  }
>;
export type SessionFailed = Envelope<
  'session_failed',
  { readonly session_id: string; readonly stage_id: string; readonly attempt: number; readonly reason: string | null }
>;
export type SessionCancelled = Envelope<
  'session_cancelled',
  {
    readonly session_id: string;
    readonly stage_id: string;
    readonly attempt: number;
    readonly reason: string | null;
    readonly cause: 'requested' | 'superseded' | LeaveCause;
  }
>;
export type RetakeAvailable = Envelope<
  'retake_available',
  OutcomeBasis & {
    /** The next attempt may take place from completed_at + rules.retake_cooldown_hours. */
    readonly completed_at: string;
  }
>;
export type DecisionOpened = Envelope<'decision_opened', OutcomeBasis & { readonly decision: Decision }>;
export type DecisionDecided = Envelope<
  'decision_decided',
  {
    readonly decision_id: string;
    readonly stage_id: string;
    /** Why the decision was opened. */
    readonly reason: DecisionReason;
    readonly outcome: DecisionOutcome;
    /** `null` for a `human_alternative` request, which suggests nothing. */
    readonly suggested: DecisionSuggestion | null;
    readonly against_suggestion: boolean;
    readonly note: string | null;
  }
>;
/** An open decision made moot: an admin moved the participant by hand, or a result answered it. */
export type DecisionClosed = Envelope<
  'decision_closed',
  {
    readonly decision_id: string;
    readonly stage_id: string;
    readonly outcome: 'advance' | 'reject' | null;
    readonly cause: CloseCause;
    readonly note: string | null;
  }
>;
export type RetakeGranted = Envelope<
  'retake_granted',
  OutcomeBasis & { readonly decision_id: string; readonly note: string | null; readonly completed_at: string | null }
>;
export type StagePassed = Envelope<'stage_passed', Moved>;
export type StageFailed = Envelope<'stage_failed', Moved>;
/** Advanced past by hand without passing it. */
export type StageSkipped = Envelope<'stage_skipped', Moved>;
export type ParticipantCompleted = Envelope<'participant_completed', Moved & { readonly recommendation: string }>;
export type ParticipantRejected = Envelope<'participant_rejected', Moved & { readonly recommendation: string }>;
export type ParticipantWithdrawn = Envelope<
  'participant_withdrawn',
  { readonly stage_id: string; readonly note: string | null }
>;

/**
 * The participant said, in their portal, that they are done with an in-progress session, or their
 * interview ended there (docs/rules.md#the-interview). The session stays in progress until a reviewer
 * records its result (docs/rules.md#sessions-a-participant-starts).
 */
export type ParticipantFinishedSession = Envelope<
  'participant_finished_session',
  {
    readonly session_id: string;
    readonly stage_id: string;
    readonly attempt: number;
    /**
     * For an interview: what ended it (`participant`, the interviewer's `interviewer` closing, or
     * `time`); absent for a session without one.
     */
    readonly ended_by?: 'participant' | 'interviewer' | 'time';
  }
>;

/**
 * The participant read the AI notice of their current AI-run stage and accepted it: they may start its
 * session themselves (docs/rules.md#consent-to-an-ai-run-stage).
 */
export type ParticipantConsentedAi = Envelope<
  'participant_consented_ai',
  { readonly stage_id: string; readonly stage_type: StageType }
>;
/**
 * The participant asked for a person to run their current AI-run stage instead. A `human_alternative`
 * decision opens beside it (`decision_opened`); no attempt is used and nothing else changes.
 */
export type ParticipantDeclinedAi = Envelope<
  'participant_declined_ai',
  { readonly stage_id: string; readonly stage_type: StageType; readonly decision_id: string }
>;

/**
 * The participant submitted their written assessment's answers, once (docs/rules.md#written-assessments).
 * Like finishing, it scores nothing: the session stays in progress until a reviewer completes it.
 */
export type ParticipantSubmittedAnswers = Envelope<
  'participant_submitted_answers',
  {
    readonly session_id: string;
    readonly stage_id: string;
    readonly attempt: number;
    /** How many questions there were, and how many have an answer. */
    readonly questions: number;
    readonly answered: number;
  }
>;

/**
 * Why a replaced score moved nobody (docs/rules.md#replacing-an-interviewers-score): the participant
 * left the stage (moved on, or their evaluation ended), a person already decided on that score, or a
 * later attempt at the stage came after it.
 */
export type ReplacementNotApplied = 'left_stage' | 'decided' | 'later_attempt';

/**
 * A reviewer replaced the interviewer's score of a completed session with their own. Both stay: the
 * earlier one moves to the session's `replaced_scorecards`. `applied`: the stage's rules were applied
 * to the new score (any open decision about the old one closes first, in the same batch); otherwise
 * `not_applied` says why nobody moved, and a person decides whether anything should change.
 */
export type ScorecardReplaced = Envelope<
  'scorecard_replaced',
  {
    readonly session_id: string;
    readonly stage_id: string;
    readonly attempt: number;
    readonly scorecard: Scorecard;
    /** The replaced score in short; the whole of it is kept on the session. */
    readonly previous: {
      readonly overall_score: number;
      readonly passed: boolean;
      readonly needs_review: boolean;
      readonly scored_by: ScoredBy | null;
    };
    readonly note: string;
    readonly applied: boolean;
    readonly not_applied: ReplacementNotApplied | null;
  }
>;

/**
 * The interviewer could not score a session (its model failed, docs/rules.md#interviewer-model):
 * no score was invented, and the session waits for a reviewer as it was.
 */
export type ScoringFailed = Envelope<
  'scoring_failed',
  {
    readonly session_id: string;
    readonly stage_id: string;
    readonly attempt: number;
    readonly reason: ScoringFailureReason;
    readonly message: string;
  }
>;

export type ParticipantEvent =
  | ParticipantEnrolled
  | ParticipantUpdated
  | StageEntered
  | SessionScheduled
  | SessionRescheduled
  | SessionStarted
  | SessionCompleted
  | SessionFailed
  | SessionCancelled
  | RetakeAvailable
  | DecisionOpened
  | DecisionDecided
  | DecisionClosed
  | RetakeGranted
  | StagePassed
  | StageFailed
  | StageSkipped
  | ParticipantCompleted
  | ParticipantRejected
  | ParticipantWithdrawn
  | ParticipantFinishedSession
  | ParticipantSubmittedAnswers
  | ParticipantConsentedAi
  | ParticipantDeclinedAi
  | ScorecardReplaced
  | ScoringFailed;

export type ParticipantEventType = ParticipantEvent['type'];
export type ParticipantEventOf<T extends ParticipantEventType> = Extract<ParticipantEvent, { type: T }>;
