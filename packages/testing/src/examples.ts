import type { CreateAgentProfileInput } from '@stageflow/domain';

/** The seed document's example array, verbatim: Phone Screen 60 auto-advance → Technical 75 approval → Final 80. */
export const SEED_EXAMPLE = [
  {
    stage_name: 'Phone Screen',
    stage_type: 'ai_interview',
    stage_order: 0,
    pass_threshold: 60,
    automation_rule: 'auto_advance',
  },
  {
    stage_name: 'Technical',
    stage_type: 'ai_interview',
    stage_order: 1,
    pass_threshold: 75,
    automation_rule: 'require_reviewer_approval',
  },
  { stage_name: 'Final', stage_type: 'final_review', stage_order: 2, pass_threshold: 80 },
] as const;

/** The interviewer of the AI-run stages: 0–10 scale, Design 60% and Coding 40%. */
export const interviewerInput = (overrides: Partial<CreateAgentProfileInput> = {}): CreateAgentProfileInput => ({
  name: 'Ada',
  persona: 'A calm, precise interviewer.',
  use_case: 'hiring',
  evaluation_dimensions: [
    { name: 'Design', weight: 60 },
    { name: 'Coding', weight: 40 },
  ],
  ...overrides,
});
