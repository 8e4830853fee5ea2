import { type DomainError, extended, type ParticipantEvent, type ParticipantState } from '@stageflow/domain';
import { and, eq, getTableColumns, ne, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from '../../client.ts';
import { decisions, evaluationTemplates, events, participants, sessions, stageProgress } from '../../schema/index.ts';
import type { CommandTarget, LoadedState } from '../../storage/port.ts';
import { compiledWrite } from '../compiled-write.ts';
import { limitOf } from '../limit.ts';
import { enrolmentTarget, participantTarget } from './command-state.ts';
import type { createStateLoader } from './load.ts';
import { changedFields, changedMeanwhile, diff, eventRow, sessionChanges, stayChanges } from './state-changes.ts';

/** A placeholder for every column of `table`, named by its key: the values of a prepared insert. */
const placeholders = (table: SQLiteTable, except: readonly string[] = []) =>
  Object.fromEntries(
    Object.keys(getTableColumns(table))
      .filter((key) => !except.includes(key))
      .map((key) => [key, sql.placeholder(key)]),
  );

/**
 * Updates of the given columns of one row of `table`, compiled once per set of columns: a command writes only
 * what it changed, so SQLite rewrites only the index entries over those columns (a completion moves a
 * participant's stage and time, not their email: 3 of the participant's 6 indexes, not 5; bench/README.md).
 * `where` names the row with placeholders that are not column keys.
 */
function columnUpdates(db: Db, table: SQLiteTable, where: SQL) {
  const compiled = new Map<string, { run(values: Record<string, unknown>): { changes: number } }>();
  return (fields: readonly string[], values: Record<string, unknown>) => {
    const key = fields.join(',');
    let update = compiled.get(key);
    if (!update) {
      const set = Object.fromEntries(fields.map((field) => [field, sql.placeholder(field)]));
      update = compiledWrite(db, db.update(table).set(set).where(where));
      compiled.set(key, update);
    }
    return update.run(values);
  };
}

/**
 * Loads a command's target and stores what the command left: the participant row (version-checked),
 * the progress, sessions and decisions that changed, and the events. Decides nothing: the
 * application's step does (storage/sqlite.ts runs both in one transaction).
 */
export function createCommandStore(db: Db, load: ReturnType<typeof createStateLoader>) {
  // Every command writes through these, so they are built and compiled once, not per row and request.
  const ph = sql.placeholder;
  const write = {
    insertParticipant: compiledWrite(db, db.insert(participants).values(placeholders(participants) as never)),
    updateParticipant: columnUpdates(
      db,
      participants,
      and(
        eq(participants.workspace_id, ph('where_workspace')),
        eq(participants.id, ph('where_id')),
        eq(participants.version, ph('where_version')),
      )!,
    ),
    insertProgress: compiledWrite(db, db.insert(stageProgress).values(placeholders(stageProgress) as never)),
    updateProgress: columnUpdates(
      db,
      stageProgress,
      and(
        eq(stageProgress.workspace_id, ph('where_workspace')),
        eq(stageProgress.participant_id, ph('where_participant')),
        eq(stageProgress.stage_id, ph('where_stage')),
      )!,
    ),
    insertSession: compiledWrite(db, db.insert(sessions).values(placeholders(sessions) as never)),
    updateSession: columnUpdates(
      db,
      sessions,
      and(eq(sessions.workspace_id, ph('where_workspace')), eq(sessions.id, ph('where_id')))!,
    ),
    insertDecision: compiledWrite(db, db.insert(decisions).values(placeholders(decisions) as never)),
    updateDecision: columnUpdates(
      db,
      decisions,
      and(eq(decisions.workspace_id, ph('where_workspace')), eq(decisions.id, ph('where_id')))!,
    ),
    appendEvent: compiledWrite(db, db.insert(events).values(placeholders(events, ['seq']) as never)),
  };

  // Every enrolment (500 in a bulk request) and email change asks: compiled once, with and without a
  // participant to leave out.
  const emailOf = (except: boolean) =>
    db
      .select({ id: participants.id })
      .from(participants)
      .where(
        and(
          eq(participants.workspace_id, ph('ws')),
          eq(participants.evaluation_template_id, ph('template')),
          eq(participants.email, ph('email')),
          except ? ne(participants.id, ph('except')) : undefined,
        ),
      )
      .limit(limitOf(1))
      .prepare();
  const emailQueries = { anyone: emailOf(false), someoneElse: emailOf(true) };

  function emailTaken(workspaceId: string, templateId: string, email: string, exceptId?: string): boolean {
    const args = { ws: workspaceId, template: templateId, email, except: exceptId };
    return (exceptId ? emailQueries.someoneElse : emailQueries.anyone).get(args) !== undefined;
  }

  function loadTarget(workspaceId: string, target: CommandTarget): LoadedState | DomainError {
    if ('participantId' in target) {
      return participantTarget(target.participantId, load.participant(workspaceId, target.participantId));
    }
    return enrolmentTarget(target.templateId, load.template(workspaceId, target.templateId));
  }

  /** The template's name when another of its participants uses `email`, else null. */
  function emailTakenIn(workspaceId: string, templateId: string, email: string, exceptId?: string): string | null {
    if (!emailTaken(workspaceId, templateId, email, exceptId)) return null;
    // Only when taken: the caller names the template in its refusal.
    const named = db
      .select({ name: evaluationTemplates.template_name })
      .from(evaluationTemplates)
      .where(and(eq(evaluationTemplates.workspace_id, workspaceId), eq(evaluationTemplates.id, templateId)))
      .get();
    return named?.name ?? templateId;
  }

  /** Runs inside the command's transaction (`_tx`): the prepared statements share its connection. */
  function save(_tx: Tx, workspaceId: string, loaded: LoadedState, after: ParticipantState): void {
    const before = loaded.state;
    const participant = after.participant;
    if (!participant) return;
    if (loaded.version === null || !before.participant) {
      write.insertParticipant.run(extended(participant, { workspace_id: workspaceId, version: 1 }));
    } else {
      const fields = [...changedFields(before.participant, participant), 'version'];
      const result = write.updateParticipant(
        fields,
        extended(participant, {
          version: loaded.version + 1,
          where_workspace: workspaceId,
          where_id: participant.id,
          where_version: loaded.version,
        }),
      );
      // Only a writer outside this process's serialized transactions can get here; still never lose an update.
      if (result.changes === 0) throw changedMeanwhile(participant);
    }
    const progress = stayChanges(before, after);
    for (const p of progress.added) write.insertProgress.run(extended(p, { workspace_id: workspaceId }));
    for (const { row, fields } of progress.changed) {
      write.updateProgress(
        fields,
        extended(row, {
          where_workspace: workspaceId,
          where_participant: row.participant_id,
          where_stage: row.stage_id,
        }),
      );
    }
    const sessionRows = sessionChanges(before, after);
    for (const x of sessionRows.added) write.insertSession.run(extended(x, { workspace_id: workspaceId }));
    for (const { row, fields } of sessionRows.changed) {
      write.updateSession(fields, extended(row, { where_workspace: workspaceId, where_id: row.id }));
    }
    const decisionRows = diff(before.decisions, after.decisions, (x) => x.id);
    for (const x of decisionRows.added) write.insertDecision.run(extended(x, { workspace_id: workspaceId }));
    for (const { row, fields } of decisionRows.changed) {
      write.updateDecision(fields, extended(row, { where_workspace: workspaceId, where_id: row.id }));
    }
  }

  function append(workspaceId: string, templateId: string, emitted: readonly ParticipantEvent[]): void {
    for (const e of emitted) write.appendEvent.run(eventRow(workspaceId, templateId, e));
  }

  /** Stores what a command left (`after`) and appends its events: call inside the command's transaction. */
  function store(
    tx: Tx,
    workspaceId: string,
    loaded: LoadedState,
    after: ParticipantState,
    emitted: readonly ParticipantEvent[],
  ): void {
    save(tx, workspaceId, loaded, after);
    append(workspaceId, loaded.state.template.id, emitted);
  }

  return { loadTarget, emailTaken, emailTakenIn, store };
}
