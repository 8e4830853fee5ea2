import { type CreateAgentProfileInput, SEED_EXAMPLE_STAGES } from '@stageflow/domain';

/** The seed document's example array, verbatim: Phone Screen 60 auto-advance → Technical 75 approval → Final 80. */
export const SEED_EXAMPLE = SEED_EXAMPLE_STAGES;

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
