import type { AgentProfile } from '../schemas/agent-profile.ts';
import type { Question } from '../schemas/question-set.ts';
import type { EvaluationStage } from '../schemas/stage.ts';
import type { SuccessOutcome } from '../schemas/template.ts';
import type { Decision, Participant, RulesSnapshot, Session, StageProgress } from './entities.ts';
import type { ScoringProfile } from './scoring.ts';

/**
 * A stage's interviewer as the rules read it: what scoring needs, and what the participant's portal needs
 * (whether the interviewer's improvement feedback may be shown to the participant,
 * docs/rules.md#what-a-participant-sees-of-their-results). `output` is absent where no one loaded it, and
 * then the portal shows no feedback.
 */
export type StageInterviewer = ScoringProfile & {
  readonly output?: Readonly<Pick<AgentProfile['output'], 'include_improvement_feedback'>>;
};

/**
 * A stage of the participant's template with its *current* settings. The rules fields are copied into a
 * snapshot when a participant enters the stage; `stage_type` and `interviewer` are read live.
 */
export type ProgressionStage = Readonly<
  Pick<EvaluationStage, 'id' | 'stage_name' | 'stage_type' | 'stage_order' | 'status' | keyof RulesSnapshot>
> & {
  /** The stage's interviewer as scoring needs it; `null` when the stage has none. */
  readonly interviewer: StageInterviewer | null;
  /** How long a session takes, as the participant's portal shows it; absent where no one loaded it. */
  readonly duration_minutes?: number;
  /** A written assessment's questions, read live like the name; absent where no one loaded them. */
  readonly question_set?: readonly Question[];
};

export interface ProgressionTemplate {
  readonly id: string;
  readonly success_outcome: SuccessOutcome;
  readonly custom_outcome_labels?: { readonly positive: string; readonly negative: string } | undefined;
  /** Whether the participant's portal shows their final recommendation; absent (not loaded) means no. */
  readonly portal_shows_recommendation?: boolean;
  /** The template's live stages (draft and active) in any order; progression visits the active ones by `stage_order`. */
  readonly stages: readonly ProgressionStage[];
}

/**
 * Everything the decider needs about one participant. `participant` is `null` before `enroll`.
 * `decisions` holds the participant's decisions: at least the open ones and any a command names, so that
 * deciding a decided decision answers CONFLICT rather than NOT_FOUND.
 */
export interface ParticipantState {
  readonly template: ProgressionTemplate;
  readonly participant: Participant | null;
  readonly progress: readonly StageProgress[];
  readonly sessions: readonly Session[];
  readonly decisions: readonly Decision[];
}

export const initialParticipantState = (template: ProgressionTemplate): ParticipantState => ({
  template,
  participant: null,
  progress: [],
  sessions: [],
  decisions: [],
});

export const rulesSnapshot = (stage: Readonly<RulesSnapshot>): RulesSnapshot => ({
  pass_threshold: stage.pass_threshold,
  automation_rule: stage.automation_rule,
  allow_retake: stage.allow_retake,
  max_attempts: stage.max_attempts,
  retake_cooldown_hours: stage.retake_cooldown_hours,
  auto_reject: stage.auto_reject,
});
