import type { Session } from '../progression/entities.ts';
import type { ParticipantState, ProgressionStage } from '../progression/state.ts';
import type { SuccessOutcome } from '../schemas/template.ts';
import type { PortalCopy } from './copy/en.ts';

/**
 * What a participant may see of their own results in the portal (docs/rules.md#what-a-participant-sees-of-their-results):
 * a done stage's improvement feedback where its interviewer allows it, and the final recommendation where the
 * template opts in. Nothing else of a scorecard or a decision ever reaches them: no score, summary, transcript,
 * reviewer note or suggestion.
 */

/** The stage's completed session the participant last took: the one whose feedback counts. */
function latestCompleted(sessions: readonly Session[], stageId: string): Session | undefined {
  let latest: Session | undefined;
  for (const s of sessions) {
    if (s.stage_id !== stageId || s.status !== 'completed' || !s.scorecard) continue;
    if (!latest || s.attempt > latest.attempt) latest = s;
  }
  return latest;
}

/**
 * The improvement feedback of the participant's latest completed session at `stage`, when the stage's
 * interviewer (agent profile) has `output.include_improvement_feedback` on; otherwise `null`. A stage with no
 * interviewer has nobody to allow it, so it shows none (a reviewer's words there are written for the team).
 * The interviewer is read live, like the stage's name: turning the setting off hides feedback already given.
 */
export function portalStageFeedback(state: ParticipantState, stage: ProgressionStage): string | null {
  if (stage.interviewer?.output?.include_improvement_feedback !== true) return null;
  const text = latestCompleted(state.sessions, stage.id)?.scorecard?.improvement_feedback?.trim();
  return text ? text : null;
}

/**
 * A recommendation label in plain words in `copy`'s language (`copy.recommendations`, the built-in labels of
 * docs/rules.md#recommendation-labels); a custom outcome's labels are the team's own words, shown as written.
 */
export function recommendationWords(label: string, outcome: SuccessOutcome, copy: PortalCopy): string {
  const words: Readonly<Record<string, string>> = copy.recommendations;
  return (outcome !== 'custom' && Object.hasOwn(words, label) ? words[label] : undefined) ?? label;
}

/**
 * The final recommendation in plain words, only for a participant who completed or was rejected, and only when
 * their template has `portal_shows_recommendation` on; otherwise `null` (the team tells them themselves).
 */
export function portalRecommendation(state: ParticipantState, copy: PortalCopy): string | null {
  const { participant, template } = state;
  if (!participant || template.portal_shows_recommendation !== true) return null;
  if (participant.status !== 'completed' && participant.status !== 'rejected') return null;
  return participant.recommendation
    ? recommendationWords(participant.recommendation, template.success_outcome, copy)
    : null;
}
