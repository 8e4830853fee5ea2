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
  refusal,
  resultFactsOf,
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

/** A row stored with its facts, as one object type (so an engine can take it as a record of columns). */
type WithFacts<T, F> = Omit<Omit<T, keyof F> & F, never>;

/**
 * `diff` for rows stored with facts derived beside them (`factsBefore[i]` of `before[i]`, `factsAfter[i]` of
 * `after[i]`): the new rows and the changed ones, each with its facts, the changed fields the row's and then the
 * facts'. A row the command left untouched is the very object loaded, so only its facts are compared: the rows'
 * nested values (a stay's rules, a session's scorecard and transcript) are not serialised to find them equal.
 */
function diffWithFacts<T extends object, F extends object>(
  before: readonly T[],
  factsBefore: readonly F[],
  after: readonly T[],
  factsAfter: readonly F[],
  key: (x: T) => string,
) {
  const old = new Map(before.map((x, i) => [key(x), i]));
  const added: WithFacts<T, F>[] = [];
  const changed: { row: WithFacts<T, F>; fields: string[] }[] = [];
  after.forEach((row, i) => {
    const facts = factsAfter[i]!;
    const j = old.get(key(row));
    if (j === undefined) {
      added.push(extended(row, facts));
      return;
    }
    const was = before[j]!;
    const factFields = changedFields(factsBefore[j]!, facts);
    const fields = was === row ? factFields : [...changedFields(was, row), ...factFields];
    if (fields.length > 0) changed.push({ row: extended(row, facts), fields });
  });
  return { added, changed };
}

/**
 * A stay's funnel facts (docs/rules.md#funnel) as its row keeps them, derived from the whole state (a rejection
 * moves the exit of the stay it ended).
 */
const stayColumnsOf = (state: ParticipantState) =>
  stayFactsOf(state).map(({ funnel_exit, stay_ms }) => ({ funnel_exit, stay_ms }));

/**
 * The stays a command added and those whose columns changed: the domain's own changes, and the funnel facts that
 * moved with them (a rejection changes the exit of the stay it ended, though the stay's row is untouched).
 */
export const stayChanges = (before: ParticipantState, after: ParticipantState) =>
  diffWithFacts(before.progress, stayColumnsOf(before), after.progress, stayColumnsOf(after), (p) => p.stage_id);

/** The sessions a command added and those whose columns changed, their score facts with them. */
export const sessionChanges = (before: ParticipantState, after: ParticipantState) =>
  diffWithFacts(
    before.sessions,
    before.sessions.map(resultFactsOf),
    after.sessions,
    after.sessions.map(resultFactsOf),
    (x) => x.id,
  );

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
