import type { ParticipantEvent, ParticipantState } from '@stageflow/domain';
import { and, eq } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import { changedFields, changedMeanwhile, diff, eventRow } from '../../repositories/participants/state-changes.ts';
import type { LoadedState } from '../../storage/port.ts';
import type { PgExec } from '../client.ts';
import { decisions, events, participants, sessions, stageProgress } from '../schema.ts';

/** The named fields of a row, for an update that writes only what a command changed. */
const only = (row: object, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(fields.map((field) => [field, (row as Record<string, unknown>)[field]]));

/**
 * Stores what a participant command left, inside its write transaction on PostgreSQL: the same rows and columns as
 * SQLite's store (repositories/participants/store.ts), from the same diff (state-changes.ts).
 *
 * The participant's row is updated only at the version the command loaded; when it moved, the update touches no
 * row and the command is refused as on SQLite (CONFLICT, `changedMeanwhile`) and its transaction rolls back. The
 * engine's write loads take the row `FOR UPDATE` (reads/participant-loads.ts), so this is the backstop for a
 * writer that did not. Events are appended in the order emitted, in one statement: the log's `seq` identity
 * numbers them in that order, continuing after the highest number, as SQLite's autoincrement does.
 */
export function createPgParticipantWrites(tx: PgExec) {
  async function save(workspaceId: string, loaded: LoadedState, after: ParticipantState): Promise<void> {
    const before = loaded.state;
    const participant = after.participant;
    if (!participant) return;
    if (loaded.version === null || !before.participant) {
      await tx.insert(participants).values({ ...participant, workspace_id: workspaceId, version: 1 });
    } else {
      const fields = changedFields(before.participant, participant);
      const updated = await tx
        .update(participants)
        .set({ ...only(participant, fields), version: loaded.version + 1 })
        .where(
          and(
            eq(participants.workspace_id, workspaceId),
            eq(participants.id, participant.id),
            eq(participants.version, loaded.version),
          ),
        )
        .returning({ id: participants.id });
      if (updated.length === 0) throw changedMeanwhile(participant);
    }
    const progress = diff(before.progress, after.progress, (p) => p.stage_id);
    if (progress.added.length > 0) {
      await tx.insert(stageProgress).values(progress.added.map((p) => ({ ...p, workspace_id: workspaceId })));
    }
    for (const { row, fields } of progress.changed) {
      await tx
        .update(stageProgress)
        .set(only(row, fields))
        .where(
          and(
            eq(stageProgress.workspace_id, workspaceId),
            eq(stageProgress.participant_id, row.participant_id),
            eq(stageProgress.stage_id, row.stage_id),
          ),
        );
    }
    const sessionRows = diff(before.sessions, after.sessions, (x) => x.id);
    if (sessionRows.added.length > 0) {
      await tx.insert(sessions).values(sessionRows.added.map((x) => ({ ...x, workspace_id: workspaceId })));
    }
    for (const { row, fields } of sessionRows.changed) {
      await tx
        .update(sessions)
        .set(only(row, fields))
        .where(and(eq(sessions.workspace_id, workspaceId), eq(sessions.id, row.id)));
    }
    // Decisions after sessions: a new decision may name a session the same command opened.
    const decisionRows = diff(before.decisions, after.decisions, (x) => x.id);
    if (decisionRows.added.length > 0) {
      await tx.insert(decisions).values(decisionRows.added.map((x) => ({ ...x, workspace_id: workspaceId })));
    }
    for (const { row, fields } of decisionRows.changed) {
      await tx
        .update(decisions)
        .set(only(row, fields))
        .where(and(eq(decisions.workspace_id, workspaceId), eq(decisions.id, row.id)));
    }
  }

  return {
    /** Stores what a command left (`after`) and appends its events: call inside the command's transaction. */
    async store(
      workspaceId: string,
      loaded: LoadedState,
      after: ParticipantState,
      emitted: readonly ParticipantEvent[],
    ): Promise<void> {
      await save(workspaceId, loaded, after);
      if (emitted.length === 0) return;
      const templateId = loaded.state.template.id;
      await tx.insert(events).values(emitted.map((e) => eventRow(workspaceId, templateId, e)));
    },
  } satisfies Writes['participants'];
}
