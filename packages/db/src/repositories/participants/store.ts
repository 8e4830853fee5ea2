import {
  conflict,
  type DecideContext,
  type DomainError,
  decideParticipant,
  emailAlreadyEnrolled,
  evolveParticipant,
  initialParticipantState,
  notFound,
  type ParticipantCommand,
  type ParticipantEvent,
  type ParticipantState,
} from '@stageflow/domain';
import { and, eq, getTableColumns, ne, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { type Db, type Tx, writeTx } from '../../client.ts';
import { decisions, evaluationTemplates, events, participants, sessions, stageProgress } from '../../schema/index.ts';
import type { createStateLoader, LoadedState } from './load.ts';

export type CommandTarget = { participantId: string } | { templateId: string };

export interface CommandResult {
  readonly state: ParticipantState;
  /** What the decider emitted, typed, and appended to the audit log; empty when the command changed nothing. */
  readonly emitted: readonly ParticipantEvent[];
}

const changed = <T>(before: readonly T[], key: (x: T) => string) => {
  const old = new Map(before.map((x) => [key(x), JSON.stringify(x)]));
  return (after: readonly T[]) => after.filter((x) => old.get(key(x)) !== JSON.stringify(x));
};

/**
 * Any command that changed something updates the participant row (its version guards concurrent
 * writers), so the row's `updated_at` moves too, and boards sort by it. The state the command
 * returns is exactly what was stored: callers answer from it without reading it back.
 */
const touched = (state: ParticipantState, now: string): ParticipantState =>
  state.participant ? { ...state, participant: { ...state.participant, updated_at: now } } : state;

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
 * Runs one participant command as one unit of work: load → decide → evolve → write the state,
 * the events and any decision together. Called inside a transaction by `run`, or by a caller that
 * needs several commands in one transaction (bulk enrolment).
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

  function emailConflict(
    workspaceId: string,
    loaded: LoadedState,
    command: ParticipantCommand,
  ): DomainError | undefined {
    const email = command.type === 'enroll' || command.type === 'update' ? command.email : undefined;
    if (!email || !emailTaken(workspaceId, loaded.state.template.id, email, loaded.state.participant?.id))
      return undefined;
    // Only on refusal: the template's name reads better than its id, and costs one lookup here.
    const templateId = loaded.state.template.id;
    const named = db
      .select({ name: evaluationTemplates.template_name })
      .from(evaluationTemplates)
      .where(and(eq(evaluationTemplates.workspace_id, workspaceId), eq(evaluationTemplates.id, templateId)))
      .get();
    return emailAlreadyEnrolled(email, { id: templateId, name: named?.name });
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
        throw conflict(`Participant ${participant.id} was changed by another request: reload and try again`);
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

  /** One command inside an open transaction. */
  function apply(
    tx: Tx,
    workspaceId: string,
    target: CommandTarget,
    command: ParticipantCommand,
    ctx: DecideContext,
  ): CommandResult | DomainError {
    const loaded = loadTarget(workspaceId, target);
    if (loaded instanceof Error) return loaded;
    const taken = emailConflict(workspaceId, loaded, command);
    if (taken) return taken;
    const emitted = decideParticipant(loaded.state, command, ctx);
    if (emitted instanceof Error) return emitted;
    if (emitted.length === 0) return { state: loaded.state, emitted };
    const after = touched(emitted.reduce(evolveParticipant, loaded.state), ctx.now);
    save(tx, workspaceId, loaded, after);
    append(workspaceId, loaded.state.template.id, emitted);
    return { state: after, emitted };
  }

  return {
    apply,
    emailTaken,
    /** One command in its own synchronous `immediate` transaction. */
    run(workspaceId: string, target: CommandTarget, command: ParticipantCommand, ctx: DecideContext) {
      return writeTx(db, (tx) => apply(tx, workspaceId, target, command, ctx));
    },
  };
}
