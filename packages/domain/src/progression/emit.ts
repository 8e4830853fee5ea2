import type { DecideContext } from './commands.ts';
import type { ParticipantEvent, ParticipantEventOf, ParticipantEventType } from './events.ts';

/** The actor of what automation rules do by themselves. */
export const SYSTEM = 'system';

export type Emit = <T extends ParticipantEventType>(
  type: T,
  data: ParticipantEventOf<T>['data'],
  actor?: string,
) => ParticipantEvent;

/** Builds events for one participant at the command's time; the actor defaults to the command's sender. */
export const emitter =
  (participant_id: string, ctx: DecideContext): Emit =>
  (type, data, actor = ctx.actor) =>
    ({
      type,
      participant_id,
      actor,
      occurred_at: ctx.now,
      ...(ctx.bulk_action_id !== undefined && { bulk_action_id: ctx.bulk_action_id }),
      data,
    }) as ParticipantEvent;
