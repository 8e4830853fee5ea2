import type { SelfIdentificationRecord } from '@stageflow/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { selfIdentifications } from '../schema/index.ts';

/**
 * Participants' self-identification (docs/entities.md#self-identification). One participant's row is read
 * only by the command that replaces it; the figures read the table in aggregate (analytics-sql.ts).
 */
export function createSelfIdentificationRepository(db: Db) {
  const byParticipant = db
    .select()
    .from(selfIdentifications)
    .where(
      and(
        eq(selfIdentifications.workspace_id, sql.placeholder('ws')),
        eq(selfIdentifications.participant_id, sql.placeholder('participant')),
      ),
    )
    .prepare();
  return {
    /** The participant's answers on record, or undefined when they have none. */
    byParticipant(workspaceId: string, participantId: string): SelfIdentificationRecord | undefined {
      const row = byParticipant.get({ ws: workspaceId, participant: participantId });
      if (!row) return undefined;
      const { workspace_id: _, ...record } = row;
      return record;
    },
    /** The participant's answers, inserted or replaced, in the caller's transaction. */
    save(tx: Tx, workspaceId: string, record: SelfIdentificationRecord): void {
      const row = { ...record, workspace_id: workspaceId };
      tx.insert(selfIdentifications)
        .values(row)
        .onConflictDoUpdate({
          target: [selfIdentifications.workspace_id, selfIdentifications.participant_id],
          set: row,
        })
        .run();
    },
  };
}
