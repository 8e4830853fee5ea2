/**
 * One template with one stage, and a change to it as the application makes one: what the stage cache tests on
 * both engines (repositories/stage-cache.test.ts, postgres/stage-cache.test.ts) store and change; and an
 * interviewer for a stage to be run by.
 */
import type { AgentProfile, EvaluationStage, EvaluationTemplate } from '@stageflow/domain';
import type { Pipeline } from '../storage/port.ts';

const NOW = '2026-01-01T00:00:00.000Z';
export const WS = '00000000-0000-4000-8000-00000000000a';
export const TEMPLATE = '00000000-0000-4000-8000-000000000001';
const STAGE = '00000000-0000-4000-8000-000000000010';

export const template: EvaluationTemplate = {
  id: TEMPLATE,
  template_name: 'Backend',
  use_case: 'hiring',
  success_outcome: 'hire_no_hire',
  status: 'active',
  skills: [],
  soft_skills: [],
  default_duration_minutes: 30,
  default_difficulty: 'intermediate',
  language: 'en',
  portal_shows_recommendation: false,
  version: 0,
  created_at: NOW,
  updated_at: NOW,
};

export const stage = (stage_name: string): EvaluationStage => ({
  id: STAGE,
  evaluation_template_id: TEMPLATE,
  type: 'review',
  stage_name,
  stage_type: 'manual_review',
  agent_profile_id: null,
  stage_order: 0,
  duration_minutes: 30,
  difficulty: 'intermediate',
  pass_threshold: 60,
  allow_retake: false,
  max_attempts: 1,
  retake_cooldown_hours: 0,
  automation_rule: 'none',
  auto_reject: false,
  status: 'active',
  question_set: [],
  created_at: NOW,
  updated_at: NOW,
});

/** A change as the application makes it (application/pipelines.ts): the stage renamed, the version bumped. */
export const renamed =
  (name: string) =>
  (before: Pipeline): Pipeline => ({
    template: { ...before.template, version: before.template.version + 1 },
    stages: [stage(name)],
  });

/** An interviewer, as an admin saves one. */
export const interviewer = (id: string): AgentProfile => ({
  id,
  name: 'Ada',
  persona: 'A calm interviewer',
  use_case: 'hiring',
  evaluation_dimensions: [{ name: 'Depth', description: '', weight: 100 }],
  interaction: { tone: 'professional', style: 'structured', difficulty: 'medium', probing_depth: 'medium' },
  scoring: { scale: '0-10', scoring_method: 'weighted_average' },
  context: {},
  output: {
    include_transcript: true,
    include_score_breakdown: true,
    include_recommendation: true,
    include_improvement_feedback: true,
  },
  status: 'active',
  created_at: NOW,
  updated_at: NOW,
});
