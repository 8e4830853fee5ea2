import type { DecideContext } from './commands.ts';
import type { ParticipantEvent, ParticipantEventOf, ParticipantEventType } from './events.ts';

/** The actor of what automation rules do by themselves. */
export const SYSTEM = 'system';

export type Emit = <T extends ParticipantEventType>(
  type: T,
  data: ParticipantEventOf<T>['data'],
  actor?: string,
) => ParticipantEvent;

/**
 * Builds events for one participant at the command's time; the actor defaults to the command's sender. Written
 * without a spread: every command emits several, and a property after a spread is slow on Node 20 (objects.ts).
 */
export const emitter =
  (participant_id: string, ctx: DecideContext): Emit =>
  (type, data, actor = ctx.actor) => {
    const occurred_at = ctx.now;
    const { bulk_action_id } = ctx;
    const event =
      bulk_action_id === undefined
        ? { type, participant_id, actor, occurred_at, data }
        : { type, participant_id, actor, occurred_at, bulk_action_id, data };
    return event as ParticipantEvent;
  };
