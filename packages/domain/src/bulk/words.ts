import type { ParticipantEvent } from '../progression/events.ts';
import type { ParticipantState } from '../progression/state.ts';

/** A moment as people read it in a list: `2026-03-02 09:00 UTC` (the session keeps its own time zone). */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * What one person's events do, in plain staff words, read from the events themselves: the preview
 * and the result say what the decider decided, never a guess beside it ("Cancels the scheduled
 * session, skips Phone screen (not passed), moves to Technical interview").
 */
export function describeEffects(before: ParticipantState, events: readonly ParticipantEvent[]): string {
  const stageName = (id: string) => before.template.stages.find((s) => s.id === id)?.stage_name ?? 'their stage';
  const parts = events.flatMap((e): string[] => {
    switch (e.type) {
      case 'session_cancelled':
        return e.data.cause === 'superseded' || e.data.cause === 'requested'
          ? []
          : [`ends the open session (attempt ${e.data.attempt})`];
      case 'decision_closed':
        return ['closes the open decision'];
      case 'stage_skipped':
        return [`skips ${stageName(e.data.stage_id)} (not passed)`];
      case 'stage_entered':
        return [`moves to ${e.data.stage_name}`];
      case 'participant_completed':
        return [`completes the evaluation (${e.data.recommendation})`];
      case 'participant_rejected':
        return [`is rejected (${e.data.recommendation})`];
      case 'participant_withdrawn':
        return ['is withdrawn'];
      case 'session_scheduled':
        return [
          `books attempt ${e.data.session.attempt} at ${stageName(e.data.session.stage_id)} for ${when(e.data.session.scheduled_at)}`,
        ];
      case 'participant_updated':
        return tagChanges(before.participant?.tags ?? [], e.data.changes.tags);
      default:
        return [];
    }
  });
  const text = parts.join(', ');
  return text ? text[0]!.toUpperCase() + text.slice(1) : 'Changes their record';
}

function tagChanges(before: readonly string[], after: readonly string[] | undefined): string[] {
  if (!after) return [];
  const added = after.filter((t) => !before.includes(t));
  const removed = before.filter((t) => !after.includes(t));
  return [
    ...(added.length ? [`adds ${quoted(added)}`] : []),
    ...(removed.length ? [`removes ${quoted(removed)}`] : []),
  ];
}
const quoted = (tags: readonly string[]) => tags.map((t) => `“${t}”`).join(', ');
