import { z } from 'zod';
import { Uuid } from '../schemas/common.ts';
import { AutomationRule, MaxAttempts, PassThreshold, RetakeCooldownHours } from '../schemas/stage.ts';
import { ParticipantMetadata } from './participant-input.ts';
import { ReplacedScorecard, Scorecard } from './scorecard.ts';

/**
 * The stage rules a participant entered a stage with (docs/entities.md#rules-snapshot). Later stage edits never change
 * them: the completion table reads these, not the stage's current settings.
 */
export const RulesSnapshot = z.object({
  pass_threshold: PassThreshold,
  automation_rule: AutomationRule,
  allow_retake: z.boolean(),
  max_attempts: MaxAttempts,
  retake_cooldown_hours: RetakeCooldownHours,
  auto_reject: z.boolean(),
});
export type RulesSnapshot = z.infer<typeof RulesSnapshot>;

export const ParticipantStatus = z.enum(['active', 'completed', 'rejected', 'withdrawn']);
export type ParticipantStatus = z.infer<typeof ParticipantStatus>;

export const Participant = z.object({
  id: Uuid,
  evaluation_template_id: Uuid,
  name: z.string(),
  email: z.string(),
  external_id: z.string().nullable(),
  phone: z.string().nullable(),
  tags: z.array(z.string()),
  profile: z.object({
    title: z.string().nullable(),
    organization: z.string().nullable(),
    experience_level: z.string().nullable(),
    location: z.string().nullable(),
  }),
  background: z.object({
    skills: z.array(z.string()),
    education: z.string().nullable(),
    languages: z.array(z.string()),
  }),
  metadata: ParticipantMetadata,
  status: ParticipantStatus,
  /** The stage the participant is in; `null` once terminal. */
  current_stage_id: Uuid.nullable(),
  /** The template's positive or negative label, set when completed or rejected. */
  recommendation: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Participant = z.infer<typeof Participant>;

export const StageProgressState = z.enum([
  'pending',
  'scheduled',
  'in_progress',
  'retake_available',
  'awaiting_decision',
  'passed',
  'failed',
  /** Advanced past by hand without passing. */
  'skipped',
]);
export type StageProgressState = z.infer<typeof StageProgressState>;

/**
 * The participant's answer to the AI notice of an AI-run stage (docs/rules.md#consent-to-an-ai-run-stage):
 * `accepted` lets them start its session themselves; `declined` asks for a person to run it instead.
 */
export const StageConsent = z.enum(['accepted', 'declined']);
export type StageConsent = z.infer<typeof StageConsent>;

/** Participant × stage; a participant has at most one row per stage and at most one open (`left_at` null). */
export const StageProgress = z.object({
  participant_id: Uuid,
  stage_id: Uuid,
  state: StageProgressState,
  /** Completed sessions; failed and cancelled ones use no attempt. */
  attempts_used: z.int().min(0),
  /** Extra attempts granted by `retake` decisions: allowed attempts = rules.max_attempts + retakes_granted. */
  retakes_granted: z.int().min(0),
  entered_at: z.string(),
  left_at: z.string().nullable(),
  rules: RulesSnapshot,
  /** Their answer to the stage's AI notice; `null` until they answer (and for stages that have none). */
  consent: StageConsent.nullable(),
});
export type StageProgress = z.infer<typeof StageProgress>;

export const SessionStatus = z.enum(['scheduled', 'in_progress', 'completed', 'failed', 'cancelled']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const Session = z.object({
  id: Uuid,
  participant_id: Uuid,
  stage_id: Uuid,
  /** The attempt this session is for (attempts_used + 1 when it was created). */
  attempt: z.int().min(1),
  status: SessionStatus,
  scheduled_at: z.string(),
  timezone: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  /** Why it failed or was cancelled. */
  end_reason: z.string().nullable(),
  notes: z.string().nullable(),
  idempotency_key: z.string().nullable(),
  scorecard: Scorecard.nullable(),
  /** Interviewer's scorecards a reviewer replaced with their own (now `scorecard`), oldest first. */
  replaced_scorecards: z.array(ReplacedScorecard),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Session = z.infer<typeof Session>;

/**
 * `approval_required` and `failed_no_retakes` are about a completed session; `human_alternative` is a
 * participant who asked for a person to run an AI-run stage instead (no session, no suggestion);
 * `scorecard_needs_review` is an interviewer's score with a dimension no quote of the participant
 * backs (docs/rules.md#scoring-with-evidence); `scorecard_corrected` is a corrected score the rules could
 * no longer act on (docs/rules.md#correcting-a-score): it suggests nothing, holds nothing up, and is
 * answered with `keep` — whatever should change is done with the ordinary commands.
 */
export const DecisionReason = z.enum([
  'approval_required',
  'failed_no_retakes',
  'human_alternative',
  'scorecard_needs_review',
  'scorecard_corrected',
]);
export type DecisionReason = z.infer<typeof DecisionReason>;
export const DecisionSuggestion = z.enum(['advance', 'reject']);
export type DecisionSuggestion = z.infer<typeof DecisionSuggestion>;
/** `keep` answers only a `scorecard_corrected` decision: seen, and nobody moves. */
export const DecisionOutcome = z.enum(['advance', 'reject', 'retake', 'keep']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;
export const DecisionStatus = z.enum(['open', 'decided']);

export const Decision = z.object({
  id: Uuid,
  participant_id: Uuid,
  stage_id: Uuid,
  /** The session whose result opened it; `null` for a `human_alternative` request. */
  session_id: Uuid.nullable(),
  reason: DecisionReason,
  /**
   * `null` for a `human_alternative` request (nothing has been scored to suggest from), and for a
   * `scorecard_needs_review` whose score would have moved nobody (a retake, or a stage that waits).
   */
  suggested: DecisionSuggestion.nullable(),
  status: DecisionStatus,
  /**
   * What was decided. `null` while open, and also when the decision was closed without a decision: the
   * participant was withdrawn, or a result recorded at the stage answered a `human_alternative` request.
   */
  outcome: DecisionOutcome.nullable(),
  note: z.string().nullable(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  created_at: z.string(),
});
export type Decision = z.infer<typeof Decision>;

/**
 * `user:<id>`, `api_key:<id>`, `system` (what the automation rules do by themselves) or
 * `participant:<id>` (what a participant did through their portal link).
 */
export const EventActor = z
  .string()
  .regex(/^(system|user:.+|api_key:.+|participant:.+)$/, 'user:<id>, api_key:<id>, participant:<id> or system');

/**
 * One row of the append-only audit log as stored and served. `seq` and `workspace_id` are assigned by
 * the store; `type` and `data` are those of the emitted `ParticipantEvent` (or another module's event).
 */
export const DomainEvent = z.object({
  seq: z.int().min(1),
  workspace_id: Uuid,
  participant_id: Uuid.nullable(),
  type: z.string(),
  actor: EventActor,
  occurred_at: z.string(),
  /** The bulk action the event was one person's part of (docs/rules.md#bulk-actions); null otherwise. */
  bulk_action_id: Uuid.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type DomainEvent = z.infer<typeof DomainEvent>;
