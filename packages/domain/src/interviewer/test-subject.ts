import type { InterviewedStageType, InterviewSubject, PromptProfile } from './subject.ts';

/** The interviewer tests' subject: the demo's backend interviewer on a senior backend template. */
export const PROFILE: PromptProfile = {
  name: 'Ada — Backend Interviewer',
  persona: 'I am Ada, a senior backend engineer. I will ask about systems you have built.',
  evaluation_dimensions: [
    { name: 'System design', description: 'Decomposes a problem into services and data flows.', weight: 40 },
    { name: 'Coding', description: 'Writes correct, readable code and tests it', weight: 35, min_score: 5 },
    { name: 'Communication', description: '', weight: 25 },
  ],
  interaction: { tone: 'professional', style: 'structured', difficulty: 'hard', probing_depth: 'high' },
  scoring: { scale: '0-10', scoring_method: 'weighted_average' },
  context: { organization_context: 'A payments company with a Go and PostgreSQL stack.' },
  additional_instructions: 'Ask about on-call experience at least once.',
};

export const subject = (
  stage_type: InterviewedStageType,
  overrides: { profile?: Partial<PromptProfile> } = {},
): InterviewSubject => ({
  profile: { ...PROFILE, ...overrides.profile },
  template: {
    template_name: 'Senior Backend Engineer',
    objective: 'Hire a senior engineer for the payments platform team.',
    industry: 'Fintech',
    level: 'Senior',
    requirements: 'Five years of backend work.',
    skills: ['Go', 'PostgreSQL'],
    soft_skills: ['Ownership'],
    ai_context: 'The team runs weekly on-call rotations.',
    language: 'en',
  },
  stage: { stage_name: 'Technical Interview', stage_type, difficulty: 'advanced', duration_minutes: 45 },
});
