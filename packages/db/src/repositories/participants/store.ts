import {
  conflict,
  type DomainError,
  initialParticipantState,
  notFound,
  type ParticipantEvent,
  type ParticipantState,
  refusal,
} from '@stageflow/domain';
import { and, eq, getTableColumns, ne, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from '../../client.ts';
import { decisions, evaluationTemplates, events, participants, sessions, stageProgress } from '../../schema/index.ts';
import type { CommandTarget, LoadedState } from '../../storage/port.ts';
import type { createStateLoader } from './load.ts';

const changed = <T>(before: readonly T[], key: (x: T) => string) => {
  const old = new Map(before.map((x) => [key(x), JSON.stringify(x)]));
  return (after: readonly T[]) => after.filter((x) => old.get(key(x)) !== JSON.stringify(x));
};

/** A placeholder for every column of `table`, named by its key: the values of a prepared insert. */
const placeholders = (table: SQLiteTable, except: readonly string[] = []) =>
  Object.fromEntries(
    Object.keys(getTableColumns(table))
      .filter((key) => !except.includes(key))
      .map((key) => [key, sql.placeholder(key)]),
  );

/** `excluded.<column>` for every column: an upsert's update sets the whole row to the one inserted. */
const fromExcluded = (table: SQLiteTable): Record<string, SQL> =>
  Object.fromEntries(
    Object.entries(getTableColumns(table)).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  );

/**
 * Loads a command's target and stores what the command left: the participant row (version-checked),
 * the progress, sessions and decisions that changed, and the events. Decides nothing: the
 * application's step does (storage/sqlite.ts runs both in one transaction).
 */
export function createCommandStore(db: Db, load: ReturnType<typeof createStateLoader>) {
  // Every command writes through these, so they are built and compiled once, not per row and request.
  const write = {
    insertParticipant: db
      .insert(participants)
      .values(placeholders(participants) as never)
      .prepare(),
    updateParticipant: db
      .update(participants)
      .set(placeholders(participants, ['id', 'workspace_id']) as never)
      .where(
        and(
          eq(participants.workspace_id, sql.placeholder('workspace_id')),
          eq(participants.id, sql.placeholder('id')),
          eq(participants.version, sql.placeholder('loaded_version')),
        ),
      )
      .prepare(),
    upsertProgress: db
      .insert(stageProgress)
      .values(placeholders(stageProgress) as never)
      .onConflictDoUpdate({
        target: [stageProgress.participant_id, stageProgress.stage_id],
        set: fromExcluded(stageProgress),
      })
      .prepare(),
    upsertSession: db
      .insert(sessions)
      .values(placeholders(sessions) as never)
      .onConflictDoUpdate({ target: sessions.id, set: fromExcluded(sessions) })
      .prepare(),
    upsertDecision: db
      .insert(decisions)
      .values(placeholders(decisions) as never)
      .onConflictDoUpdate({ target: decisions.id, set: fromExcluded(decisions) })
      .prepare(),
    appendEvent: db
      .insert(events)
      .values(placeholders(events, ['seq']) as never)
      .prepare(),
  };

  function emailTaken(workspaceId: string, templateId: string, email: string, exceptId?: string): boolean {
    const row = db
      .select({ id: participants.id })
      .from(participants)
      .where(
        and(
          eq(participants.workspace_id, workspaceId),
          eq(participants.evaluation_template_id, templateId),
          eq(participants.email, email),
          exceptId ? ne(participants.id, exceptId) : undefined,
        ),
      )
      .get();
    return row !== undefined;
  }

  function loadTarget(workspaceId: string, target: CommandTarget): LoadedState | DomainError {
    if ('participantId' in target) {
      return load.participant(workspaceId, target.participantId) ?? notFound('Participant', target.participantId);
    }
    const template = load.template(workspaceId, target.templateId);
    return template
      ? { state: initialParticipantState(template), version: null }
      : notFound('Evaluation template', target.templateId);
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
    if (loaded.version === null) {
      write.insertParticipant.run({ ...participant, workspace_id: workspaceId, version: 1 });
    } else {
      const result = write.updateParticipant.run({
        ...participant,
        workspace_id: workspaceId,
        version: loaded.version + 1,
        loaded_version: loaded.version,
      });
      // Only a writer outside this process's serialized transactions can get here; still never lose an update.
      if (result.changes === 0)
        throw conflict(
          `${participant.name} was changed by another request: reload and try again`,
          refusal('changedMeanwhile'),
        );
    }
    for (const p of changed(before.progress, (x) => x.stage_id)(after.progress)) {
      write.upsertProgress.run({ ...p, workspace_id: workspaceId });
    }
    for (const s of changed(before.sessions, (x) => x.id)(after.sessions)) {
      write.upsertSession.run({ ...s, workspace_id: workspaceId });
    }
    for (const d of changed(before.decisions, (x) => x.id)(after.decisions)) {
      write.upsertDecision.run({ ...d, workspace_id: workspaceId });
    }
  }

  function append(workspaceId: string, templateId: string, emitted: readonly ParticipantEvent[]): void {
    for (const e of emitted) {
      write.appendEvent.run({
        workspace_id: workspaceId,
        participant_id: e.participant_id,
        evaluation_template_id: templateId,
        type: e.type,
        actor: e.actor,
        occurred_at: e.occurred_at,
        data: e.data,
      });
    }
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
