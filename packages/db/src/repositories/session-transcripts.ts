import type { SessionTranscriptRecord } from '@stageflow/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { sessions, sessionTranscripts } from '../schema/index.ts';

const OPEN = ['scheduled', 'in_progress'] as const;

/** Records of sessions kept until they are scored (docs/entities.md#session-transcript). */
export function createSessionTranscriptRepository(db: Db) {
  const toRecord = ({ workspace_id: _, ...row }: typeof sessionTranscripts.$inferSelect): SessionTranscriptRecord =>
    row;
  return {
    bySession(workspaceId: string, sessionId: string): SessionTranscriptRecord | null {
      const row = db
        .select()
        .from(sessionTranscripts)
        .where(and(eq(sessionTranscripts.workspace_id, workspaceId), eq(sessionTranscripts.session_id, sessionId)))
        .get();
      return row ? toRecord(row) : null;
    },
    /** The participant's sessions still open with a record kept: the ones waiting to be scored. */
    waitingForScore(workspaceId: string, participantId: string): SessionTranscriptRecord[] {
      return db
        .select({ record: sessionTranscripts })
        .from(sessionTranscripts)
        .innerJoin(sessions, eq(sessions.id, sessionTranscripts.session_id))
        .where(
          and(
            eq(sessionTranscripts.workspace_id, workspaceId),
            eq(sessions.workspace_id, workspaceId),
            eq(sessions.participant_id, participantId),
            inArray(sessions.status, [...OPEN]),
          ),
        )
        .orderBy(asc(sessionTranscripts.kept_at))
        .all()
        .map(({ record }) => toRecord(record));
    },
    save(tx: Tx, workspaceId: string, record: SessionTranscriptRecord): void {
      const values = { ...record, transcript: [...record.transcript], workspace_id: workspaceId };
      tx.insert(sessionTranscripts)
        .values(values)
        .onConflictDoUpdate({ target: sessionTranscripts.session_id, set: values })
        .run();
    },
  };
}
