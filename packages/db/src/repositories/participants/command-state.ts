/**
 * What a command loads, shaped from rows: the part of a participant load that is not SQL, shared by the SQLite
 * load (load.ts, store.ts) and the PostgreSQL one (postgres/reads/participant-loads.ts), so both engines hand the
 * decider the same state.
 */
import {
  type DomainError,
  type EvaluationStage,
  initialParticipantState,
  notFound,
  type ProgressionTemplate,
  type StageInterviewer,
} from '@stageflow/domain';
import type { evaluationTemplates } from '../../schema/index.ts';
import type { LoadedState } from '../../storage/port.ts';

type TemplateRow = Pick<
  typeof evaluationTemplates.$inferSelect,
  'id' | 'success_outcome' | 'custom_outcome_labels' | 'portal_shows_recommendation'
>;

/** An interviewer as a template's load reads it (what scoring and the participant's portal need). */
export type InterviewerRow = StageInterviewer & { readonly id: string };

/** The template as the decider reads it: its live stages with their current settings and interviewers. */
export function progressionTemplateOf(
  row: TemplateRow,
  liveStages: readonly EvaluationStage[],
  interviewers: ReadonlyMap<string, InterviewerRow>,
): ProgressionTemplate {
  return {
    id: row.id,
    success_outcome: row.success_outcome,
    custom_outcome_labels: row.custom_outcome_labels ?? undefined,
    portal_shows_recommendation: row.portal_shows_recommendation,
    stages: liveStages.map((s) => ({
      id: s.id,
      stage_name: s.stage_name,
      stage_type: s.stage_type,
      stage_order: s.stage_order,
      status: s.status,
      pass_threshold: s.pass_threshold,
      automation_rule: s.automation_rule,
      allow_retake: s.allow_retake,
      max_attempts: s.max_attempts,
      retake_cooldown_hours: s.retake_cooldown_hours,
      auto_reject: s.auto_reject,
      interviewer: (s.agent_profile_id && interviewers.get(s.agent_profile_id)) || null,
      duration_minutes: s.duration_minutes,
      question_set: s.question_set,
    })),
  };
}

/** Whether a template's load needs its interviewers read at all (most pipelines' stages have some). */
export const needsInterviewers = (liveStages: readonly EvaluationStage[]) => liveStages.some((s) => s.agent_profile_id);

/** A participant command's target as loaded: the participant, or NOT_FOUND. */
export const participantTarget = (participantId: string, loaded: LoadedState | undefined): LoadedState | DomainError =>
  loaded ?? notFound('Participant', participantId);

/** An enrolment's target as loaded: the template with no one in it yet, or NOT_FOUND. */
export const enrolmentTarget = (
  templateId: string,
  template: ProgressionTemplate | undefined,
): LoadedState | DomainError =>
  template ? { state: initialParticipantState(template), version: null } : notFound('Evaluation template', templateId);
