import { badInput, type DomainError, isDomainError } from '../errors.ts';
import type { DecideContext, ParticipantCommand } from '../progression/commands.ts';
import { decideParticipant } from '../progression/decide.ts';
import type { ParticipantEvent } from '../progression/events.ts';
import { UpdateParticipantInput } from '../progression/participant-input.ts';
import { ScheduleSessionInput } from '../progression/session-input.ts';
import type { ParticipantState } from '../progression/state.ts';
import type { BulkActionItem } from './entities.ts';
import type { BulkActionRequest } from './input.ts';
import { describeEffects } from './words.ts';

/**
 * The command a bulk action sends for one person: exactly the command the single action sends
 * (`participants.advance`, `sessions.schedule`, …), so every rule about it is the decider's, once
 * (docs/rules.md#bulk-actions). Tagging reads the person's tags: it adds and removes, keeping the rest.
 */
export function bulkCommand(request: BulkActionRequest, state: ParticipantState): ParticipantCommand | DomainError {
  const participant_id = state.participant?.id ?? '';
  switch (request.action) {
    case 'advance':
    case 'reject':
    case 'withdraw':
      return { type: request.action, participant_id, note: request.note };
    case 'tag': {
      const add = request.tags?.add ?? [];
      const remove = new Set(request.tags?.remove ?? []);
      const current = state.participant?.tags ?? [];
      const tags = [...current.filter((t) => !remove.has(t)), ...add.filter((t) => !current.includes(t))];
      return commandFrom('update', UpdateParticipantInput.safeParse({ id: participant_id, tags }), 'tags');
    }
    case 'schedule':
      return commandFrom(
        'schedule',
        ScheduleSessionInput.safeParse({ participant_id, ...request.schedule, force: false }),
        'schedule',
      );
    case 'send_portal_link':
      // Not a participant command: the link is the portal link's own (send-link.ts). Reaching here is a bug.
      throw new Error('send_portal_link is decided by decideSendLinkItem');
  }
}

/** A command from its input schema's answer; a person the schema refuses (a 51st tag) is refused on `field`. */
function commandFrom<T extends 'update' | 'schedule'>(
  type: T,
  parsed: { success: true; data: object } | { success: false; error: { issues: readonly { message: string }[] } },
  field: string,
): ParticipantCommand | DomainError {
  if (!parsed.success) return badInput([field], parsed.error.issues[0]?.message ?? 'not valid for this participant');
  return { type, ...parsed.data } as ParticipantCommand;
}

/** What deciding one person's command answered: the events to store, and the person's line in the result. */
export interface BulkItemDecision {
  readonly events: readonly ParticipantEvent[];
  readonly item: BulkActionItem;
}

/**
 * A person's line when their command was refused: the decider's own words, code and field. A refusal
 * about one field is worded without the field's name in front (`note: …`): the line names it in `field`.
 */
export function refusedItem(participantId: string, name: string | null, error: DomainError): BulkActionItem {
  const [only, ...more] = error.issues;
  return {
    participant_id: participantId,
    name,
    outcome: 'refused',
    summary: null,
    reason: only && more.length === 0 ? only.message : error.message,
    code: error.code,
    field: error.issues[0]?.path.join('.') || null,
  };
}

/**
 * One person of a bulk action: their command, decided by `decideParticipant` against their state now.
 * A preview calls this and stores nothing; applying calls the same and stores the events, so the two
 * can only differ where the person's state (or the clock) changed in between.
 */
export function decideBulkItem(
  state: ParticipantState,
  request: BulkActionRequest,
  ctx: DecideContext,
): BulkItemDecision {
  const participant_id = state.participant?.id ?? '';
  const name = state.participant?.name ?? null;
  const command = bulkCommand(request, state);
  const events = isDomainError(command) ? command : decideParticipant(state, command, ctx);
  if (isDomainError(events)) return { events: [], item: refusedItem(participant_id, name, events) };
  return {
    events,
    item: {
      participant_id,
      name,
      outcome: events.length === 0 ? 'unchanged' : 'applied',
      summary: events.length === 0 ? unchangedWords(request) : describeEffects(state, events),
      reason: null,
      code: null,
      field: null,
    },
  };
}

const unchangedWords = (request: BulkActionRequest) =>
  request.action === 'tag' ? 'Already tagged as asked' : 'Nothing to change';
