import type { Participant, Session } from '../progression/entities.ts';
import type { OutcomeTrigger, ParticipantEvent } from '../progression/events.ts';
import type { ParticipantState } from '../progression/state.ts';
import type { EvaluationStage } from '../schemas/stage.ts';
import type { WebhookEvent, WebhookParticipant } from './event-types.ts';

/**
 * Which webhooks a command's events make (docs/webhooks.md#event-types). The storage engine calls
 * these in the command's own transaction and writes what they return to the outbox, so a webhook
 * exists exactly when the change that caused it was committed.
 */

const participantOf = (p: Participant): WebhookParticipant => ({
  id: p.id,
  evaluation_template_id: p.evaluation_template_id,
  external_id: p.external_id,
  name: p.name,
  email: p.email,
  status: p.status,
  current_stage_id: p.current_stage_id,
  tags: [...p.tags],
  recommendation: p.recommendation,
});

const sessionOf = (s: Session) => ({
  id: s.id,
  stage_id: s.stage_id,
  attempt: s.attempt,
  status: s.status,
  scheduled_at: s.scheduled_at,
  timezone: s.timezone,
  started_at: s.started_at,
  completed_at: s.completed_at,
});

/**
 * The webhooks of one participant command: its emitted events, with the participant as the command left
 * them (`after`). Events with no webhook type (rescheduling, consent, portal links …) make none.
 */
export function participantWebhookEvents(
  emitted: readonly ParticipantEvent[],
  after: ParticipantState,
): WebhookEvent[] {
  const participant = after.participant;
  if (!participant || emitted.length === 0) return [];
  const who = participantOf(participant);
  // A move names its trigger on the outcome event of the stage it left; the next stage's entry follows it.
  const triggers = new Map<string, OutcomeTrigger>();
  for (const e of emitted) {
    if (e.type === 'stage_passed' || e.type === 'stage_skipped' || e.type === 'stage_failed') {
      triggers.set(e.data.stage_id, e.data.trigger);
    }
  }
  const sessionAfter = (id: string) => after.sessions.find((s) => s.id === id);
  const decisionAfter = (id: string) => after.decisions.find((d) => d.id === id);
  const out: WebhookEvent[] = [];
  const add = (type: WebhookEvent['type'], timestamp: string, data: Record<string, unknown>) =>
    out.push({ type, timestamp, data });

  for (const e of emitted) {
    const at = e.occurred_at;
    switch (e.type) {
      case 'participant_enrolled': {
        const entered = emitted.find((x) => x.type === 'stage_entered' && x.data.from_stage_id === null);
        const stage =
          entered?.type === 'stage_entered'
            ? { id: entered.data.stage_id, stage_name: entered.data.stage_name, stage_type: entered.data.stage_type }
            : null;
        add('participant.enrolled', at, { participant: who, stage, actor: e.actor });
        break;
      }
      case 'stage_entered':
        if (e.data.from_stage_id !== null) {
          add('participant.advanced', at, {
            participant: who,
            from_stage_id: e.data.from_stage_id,
            stage: { id: e.data.stage_id, stage_name: e.data.stage_name, stage_type: e.data.stage_type },
            trigger: triggers.get(e.data.from_stage_id) ?? 'manual',
            actor: e.actor,
          });
        }
        break;
      case 'participant_rejected':
      case 'participant_completed':
        add(e.type === 'participant_rejected' ? 'participant.rejected' : 'participant.completed', at, {
          participant: who,
          stage_id: e.data.stage_id,
          trigger: e.data.trigger,
          recommendation: e.data.recommendation,
          note: e.data.note,
          actor: e.actor,
        });
        break;
      case 'participant_withdrawn':
        add('participant.withdrawn', at, {
          participant: who,
          stage_id: e.data.stage_id,
          note: e.data.note,
          actor: e.actor,
        });
        break;
      case 'session_scheduled':
        // As it was scheduled: a result recorded in the same step completes it at once (session.completed follows).
        add('session.scheduled', at, { participant: who, session: sessionOf(e.data.session), actor: e.actor });
        break;
      case 'session_completed': {
        const session = sessionAfter(e.data.session_id);
        if (!session) break;
        add('session.completed', at, {
          participant: who,
          session: sessionOf(session),
          result: {
            overall_score: e.data.scorecard.overall_score,
            passed: e.data.scorecard.passed,
            threshold_applied: e.data.scorecard.threshold_applied,
          },
          actor: e.actor,
        });
        break;
      }
      case 'decision_opened':
        add('decision.opened', at, { participant: who, decision: e.data.decision, actor: e.actor });
        break;
      case 'decision_decided': {
        const decision = decisionAfter(e.data.decision_id);
        if (decision) add('decision.decided', at, { participant: who, decision, actor: e.actor });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** The fields of a stage that differ, but for `updated_at`, which every change moves. */
const changedFields = (before: EvaluationStage, after: EvaluationStage): string[] =>
  (Object.keys(after) as (keyof EvaluationStage)[]).filter(
    (key) => key !== 'updated_at' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );

/**
 * The webhooks of one pipeline change, from its stages before (none for a new template) and after:
 * a new stage is `stage.created`, one that became archived `stage.archived`, any other change
 * `stage.updated` naming the fields. Deleting a draft stage that nobody used makes none.
 */
export function stageWebhookEvents(
  before: readonly EvaluationStage[],
  after: readonly EvaluationStage[],
): WebhookEvent[] {
  const previous = new Map(before.map((s) => [s.id, s]));
  const out: WebhookEvent[] = [];
  for (const stage of after) {
    const old = previous.get(stage.id);
    if (!old) {
      out.push({ type: 'stage.created', timestamp: stage.created_at, data: { stage } });
      continue;
    }
    const changed = changedFields(old, stage);
    if (changed.length === 0) continue;
    if (stage.status === 'archived' && old.status !== 'archived') {
      out.push({ type: 'stage.archived', timestamp: stage.updated_at, data: { stage } });
    } else {
      out.push({ type: 'stage.updated', timestamp: stage.updated_at, data: { stage, changed } });
    }
  }
  return out;
}
