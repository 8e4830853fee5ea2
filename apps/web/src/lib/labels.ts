import type {
  AutomationRule,
  Difficulty,
  LifecycleStatus,
  ScoringScale,
  StageType,
  SuccessOutcome,
  UseCase,
} from '@stageflow/domain';

/** Words a person reads for the domain's enum values. One place, so every screen says the same. */
export const USE_CASE_LABELS: Record<UseCase, string> = {
  hiring: 'Hiring',
  admissions: 'Admissions',
  training: 'Training',
  custom_api: 'Custom (API)',
};

export const STAGE_TYPE_LABELS: Record<StageType, string> = {
  ai_interview: 'AI interview',
  roleplay_simulation: 'Role-play simulation',
  practice_session: 'Practice session',
  manual_review: 'Manual review',
  async_assessment: 'Async assessment',
  final_review: 'Final review',
};

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
  expert: 'Expert',
  adaptive: 'Adaptive',
};

export const STATUS_LABELS: Record<LifecycleStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  archived: 'Archived',
};

export const SUCCESS_OUTCOME_LABELS: Record<SuccessOutcome, string> = {
  hire_no_hire: 'Hire / No hire',
  admit_reject: 'Admit / Reject',
  pass_fail: 'Pass / Fail',
  ready_needs_training: 'Ready / Needs training',
  certified_not_certified: 'Certified / Not certified',
  custom: 'Custom labels',
};

/** The seed's own plain words for the three automation rules, then what that means here. */
export const AUTOMATION_RULES: Record<AutomationRule, { label: string; help: string }> = {
  auto_advance: {
    label: 'Advance automatically',
    help: 'Move on automatically: a participant who passes enters the next stage right away.',
  },
  require_reviewer_approval: {
    label: 'Wait for reviewer approval',
    help: 'Wait for a human to say yes: a reviewer decides whether the participant moves on.',
  },
  none: {
    label: 'Do nothing automatic',
    help: 'Do nothing automatic: the result is recorded and the participant waits at this stage.',
  },
};

export const SCALE_LABELS: Record<ScoringScale, string> = {
  '0-10': '0 to 10',
  '0-5': '0 to 5',
  '0-100': '0 to 100',
};

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
