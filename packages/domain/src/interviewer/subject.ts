import type { AgentProfile } from '../schemas/agent-profile.ts';
import type { Difficulty } from '../schemas/common.ts';
import type { StageType } from '../schemas/stage.ts';
import type { EvaluationTemplate } from '../schemas/template.ts';

/**
 * What an interviewer's prompts are built from: the agent profile, the template and the stage, as
 * stored (docs/entities.md). Only the fields the prompts read, so callers may pass whole entities.
 */

/** The stage types an interviewer runs or scores: live (interview, role-play, practice) or written. */
export const INTERVIEWED_STAGE_TYPES = [
  'ai_interview',
  'roleplay_simulation',
  'practice_session',
  'async_assessment',
] as const satisfies readonly StageType[];
export type InterviewedStageType = (typeof INTERVIEWED_STAGE_TYPES)[number];

export const isInterviewedStage = (type: StageType): type is InterviewedStageType =>
  (INTERVIEWED_STAGE_TYPES as readonly StageType[]).includes(type);

export type PromptProfile = Pick<
  AgentProfile,
  'name' | 'persona' | 'evaluation_dimensions' | 'interaction' | 'scoring' | 'context' | 'additional_instructions'
> & {
  /** What the scorer writes besides the scores (feedback for the participant or not); absent: the defaults. */
  readonly output?: Readonly<Pick<AgentProfile['output'], 'include_improvement_feedback'>>;
};

export type PromptTemplate = Pick<
  EvaluationTemplate,
  'template_name' | 'objective' | 'industry' | 'level' | 'requirements' | 'skills' | 'soft_skills' | 'ai_context'
> & { readonly language: string };

export interface PromptStage {
  readonly stage_name: string;
  readonly stage_type: InterviewedStageType;
  readonly difficulty: Difficulty;
  readonly duration_minutes: number;
}

export interface InterviewSubject {
  readonly profile: PromptProfile;
  readonly template: PromptTemplate;
  readonly stage: PromptStage;
}
