import {
  conflict,
  type DecideContext,
  type DomainError,
  type DomainEvent,
  decideParticipant,
  evolveParticipant,
  initialParticipantState,
  notFound,
  type ParticipantCommand,
  type ParticipantEvent,
  type ParticipantState,
} from '@stageflow/domain';
import { and, eq, ne } from 'drizzle-orm';
import { type Db, type Tx, writeTx } from '../../client.ts';
import { decisions, events, participants, sessions, stageProgress } from '../../schema/index.ts';
import type { createStateLoader, LoadedState } from './load.ts';

export type CommandTarget = { participantId: string } | { templateId: string };

export interface CommandResult {
  readonly state: ParticipantState;
  /** What the decider emitted, typed; empty when the command changed nothing. */
  readonly emitted: readonly ParticipantEvent[];
  /** The same events as stored in the audit log, with their sequence numbers. */
  readonly events: readonly DomainEvent[];
}

const changed = <T>(before: readonly T[], key: (x: T) => string) => {
  const old = new Map(before.map((x) => [key(x), JSON.stringify(x)]));
  return (after: readonly T[]) => after.filter((x) => old.get(key(x)) !== JSON.stringify(x));
};

/**
 * Runs one participant command as one unit of work: load → decide → evolve → write the state,
 * the events and any decision together. Called inside a transaction by `run`, or by a caller that
 * needs several commands in one transaction (bulk enrolment).
 */
export function createCommandStore(db: Db, load: ReturnType<typeof createStateLoader>) {
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
    return conflict(`A participant with email ${email} is already in evaluation template ${loaded.state.template.id}`);
  }

  function save(tx: Tx, workspaceId: string, loaded: LoadedState, after: ParticipantState, now: string): void {
    const before = loaded.state;
    const participant = after.participant;
    if (!participant) return;
    if (loaded.version === null) {
      tx.insert(participants)
        .values({ ...participant, workspace_id: workspaceId, version: 1 })
        .run();
    } else {
      const result = tx
        .update(participants)
        .set({ ...participant, version: loaded.version + 1, updated_at: now })
        .where(
          and(
            eq(participants.workspace_id, workspaceId),
            eq(participants.id, participant.id),
            eq(participants.version, loaded.version),
          ),
        )
        .run();
      // Only a writer outside this process's serialized transactions can get here; still never lose an update.
      if (result.changes === 0)
        throw conflict(`Participant ${participant.id} was changed by another request: reload and try again`);
    }
    for (const p of changed(before.progress, (x) => x.stage_id)(after.progress)) {
      const row = { ...p, workspace_id: workspaceId };
      tx.insert(stageProgress)
        .values(row)
        .onConflictDoUpdate({ target: [stageProgress.participant_id, stageProgress.stage_id], set: row })
        .run();
    }
    for (const s of changed(before.sessions, (x) => x.id)(after.sessions)) {
      const row = { ...s, workspace_id: workspaceId };
      tx.insert(sessions).values(row).onConflictDoUpdate({ target: sessions.id, set: row }).run();
    }
    for (const d of changed(before.decisions, (x) => x.id)(after.decisions)) {
      const row = { ...d, workspace_id: workspaceId };
      tx.insert(decisions).values(row).onConflictDoUpdate({ target: decisions.id, set: row }).run();
    }
  }

  function append(
    tx: Tx,
    workspaceId: string,
    templateId: string,
    emitted: readonly ParticipantEvent[],
  ): DomainEvent[] {
    if (emitted.length === 0) return [];
    const rows = tx
      .insert(events)
      .values(
        emitted.map((e) => ({
          workspace_id: workspaceId,
          participant_id: e.participant_id,
          evaluation_template_id: templateId,
          type: e.type,
          actor: e.actor,
          occurred_at: e.occurred_at,
          data: e.data as unknown as Record<string, unknown>,
        })),
      )
      .returning()
      .all();
    return rows.map(({ evaluation_template_id: _, ...row }) => row);
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
    if (emitted.length === 0) return { state: loaded.state, emitted, events: [] };
    const after = emitted.reduce(evolveParticipant, loaded.state);
    save(tx, workspaceId, loaded, after, ctx.now);
    return { state: after, emitted, events: append(tx, workspaceId, loaded.state.template.id, emitted) };
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
