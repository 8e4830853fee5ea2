import type { ParticipantEvent, ParticipantState } from '@stageflow/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import {
  changedFields,
  changedMeanwhile,
  diff,
  eventRow,
  sessionChanges,
  stayChanges,
} from '../../repositories/participants/state-changes.ts';
import type { LoadedState } from '../../storage/port.ts';
import type { PgExec } from '../client.ts';
import { inWorkspace, preparedInserts, preparedUpdates } from '../prepared.ts';
import { decisions, events, participants, sessions, stageProgress } from '../schema.ts';

// Every command writes through these: built once per set of columns or number of rows
// (docs/decisions/037-prepared-queries-on-postgresql.md). The row is named by placeholders `workspaceId` and its key.
const write = {
  insertParticipant: preparedInserts('participants_insert', participants),
  updateParticipant: preparedUpdates(
    'participants_update',
    participants,
    and(
      inWorkspace(participants.workspace_id),
      eq(participants.id, sql.placeholder('id')),
      eq(participants.version, sql.placeholder('version')),
    )!,
  ),
  insertProgress: preparedInserts('stage_progress_insert', stageProgress),
  updateProgress: preparedUpdates(
    'stage_progress_update',
    stageProgress,
    and(
      inWorkspace(stageProgress.workspace_id),
      eq(stageProgress.participant_id, sql.placeholder('participantId')),
      eq(stageProgress.stage_id, sql.placeholder('stageId')),
    )!,
  ),
  insertSessions: preparedInserts('sessions_insert', sessions),
  updateSession: preparedUpdates(
    'sessions_update',
    sessions,
    and(inWorkspace(sessions.workspace_id), eq(sessions.id, sql.placeholder('id')))!,
  ),
  insertDecisions: preparedInserts('decisions_insert', decisions),
  updateDecision: preparedUpdates(
    'decisions_update',
    decisions,
    and(inWorkspace(decisions.workspace_id), eq(decisions.id, sql.placeholder('id')))!,
  ),
  // `seq` is the log's identity: PostgreSQL numbers the rows in the order of the VALUES list.
  appendEvents: preparedInserts('events_insert', events, { except: ['seq'] }),
};

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
      await write.insertParticipant(tx, [{ ...participant, workspace_id: workspaceId, version: 1 }]);
    } else {
      const fields = changedFields(before.participant, participant);
      const updated = await write.updateParticipant(
        tx,
        [...fields, 'version'],
        { ...participant, version: loaded.version + 1 },
        { workspaceId, id: participant.id, version: loaded.version },
      );
      if (updated === 0) throw changedMeanwhile(participant);
    }
    const progress = stayChanges(before, after);
    await write.insertProgress(
      tx,
      progress.added.map((p) => ({ ...p, workspace_id: workspaceId })),
    );
    for (const { row, fields } of progress.changed) {
      await write.updateProgress(tx, fields, row, {
        workspaceId,
        participantId: row.participant_id,
        stageId: row.stage_id,
      });
    }
    const sessionRows = sessionChanges(before, after);
    await write.insertSessions(
      tx,
      sessionRows.added.map((x) => ({ ...x, workspace_id: workspaceId })),
    );
    for (const { row, fields } of sessionRows.changed) {
      await write.updateSession(tx, fields, row, { workspaceId, id: row.id });
    }
    // Decisions after sessions: a new decision may name a session the same command opened.
    const decisionRows = diff(before.decisions, after.decisions, (x) => x.id);
    await write.insertDecisions(
      tx,
      decisionRows.added.map((x) => ({ ...x, workspace_id: workspaceId })),
    );
    for (const { row, fields } of decisionRows.changed) {
      await write.updateDecision(tx, fields, row, { workspaceId, id: row.id });
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
      await write.appendEvents(
        tx,
        emitted.map((e) => eventRow(workspaceId, templateId, e)),
      );
    },
  } satisfies Writes['participants'];
}
