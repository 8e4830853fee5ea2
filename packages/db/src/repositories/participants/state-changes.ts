/**
 * What a command changed, as rows: the part of storing a participant's state that is not SQL, shared by the
 * SQLite store (store.ts) and the PostgreSQL one (postgres/writes/participants.ts), so both engines write the
 * same rows, columns and events from the same loaded state and outcome.
 */
import {
  conflict,
  extended,
  type Participant,
  type ParticipantEvent,
  type ParticipantState,
  type ResultFacts,
  refusal,
  resultFactsOf,
  type Session,
  type StageProgress,
  type StayFacts,
  stayFactsOf,
} from '@stageflow/domain';
import type { events } from '../../schema/index.ts';

/** The fields whose values differ (nested values by their JSON; a value kept as the same object is unchanged). */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const fields: string[] = [];
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const [was, is] = [before[key], after[key]];
    if (was === is) continue;
    if (typeof was === 'object' && typeof is === 'object' && JSON.stringify(was) === JSON.stringify(is)) continue;
    fields.push(key);
  }
  return fields;
}

/**
 * The rows of `after` that are new (not in `before` by key) and those that changed, with their changed fields.
 * The state's untouched rows are the very objects loaded (the domain folds events without copying them).
 */
export function diff<T extends object>(before: readonly T[], after: readonly T[], key: (x: T) => string) {
  const old = new Map(before.map((x) => [key(x), x]));
  const added: T[] = [];
  const changed: { row: T; fields: string[] }[] = [];
  for (const row of after) {
    const was = old.get(key(row));
    if (!was) added.push(row);
    else if (was !== row) {
      const fields = changedFields(was, row);
      if (fields.length > 0) changed.push({ row, fields });
    }
  }
  return { added, changed };
}

/** A stay as stored: the domain's row with the facts the funnel counts (docs/rules.md#funnel). */
export type StoredStay = StageProgress & Omit<StayFacts, 'stage_id'>;

/** The participant's stays as the store keeps them: each with its funnel facts, derived from the whole state. */
function storedStays(state: ParticipantState): StoredStay[] {
  const facts = stayFactsOf(state);
  return state.progress.map((row, i) =>
    extended(row, { funnel_exit: facts[i]!.funnel_exit, stay_ms: facts[i]!.stay_ms }),
  );
}

/**
 * The stays a command added and those whose columns changed: the domain's own changes, and the funnel facts that
 * moved with them (a rejection changes the exit of the stay it ended, though the stay's row is untouched).
 */
export const stayChanges = (before: ParticipantState, after: ParticipantState) =>
  diff(storedStays(before), storedStays(after), (p) => p.stage_id);

/** A session as stored: the domain's row with the facts the score distribution counts. */
export type StoredSession = Session & Pick<ResultFacts, keyof ResultFacts>;

/** The sessions a command added and those whose columns changed, their score facts with them. */
export const sessionChanges = (before: ParticipantState, after: ParticipantState) => {
  const stored = (state: ParticipantState): StoredSession[] =>
    state.sessions.map((s) => ({ ...s, ...resultFactsOf(s) }));
  return diff(stored(before), stored(after), (x) => x.id);
};

/** The refusal when the participant's row is no longer at the version the command loaded: nothing is lost. */
export const changedMeanwhile = (participant: Pick<Participant, 'name'>) =>
  conflict(`${participant.name} was changed by another request: reload and try again`, refusal('changedMeanwhile'));

/** An emitted event as the audit log's row (its `seq` is the engine's to number, in the order emitted). */
export const eventRow = (
  workspaceId: string,
  templateId: string,
  e: ParticipantEvent,
): Omit<typeof events.$inferInsert, 'seq'> => ({
  workspace_id: workspaceId,
  participant_id: e.participant_id,
  evaluation_template_id: templateId,
  type: e.type,
  actor: e.actor,
  occurred_at: e.occurred_at,
  bulk_action_id: e.bulk_action_id ?? null,
  // Each event type has its own data shape; the column holds any of them.
  data: e.data as unknown as Record<string, unknown>,
});
