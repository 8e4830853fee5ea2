import { eq } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import { type InterviewerModelRecord, interviewerModelColumns } from '../../repositories/interviewer-models.ts';
import type { PgExec } from '../client.ts';
import { interviewerModels } from '../schema.ts';

/** A workspace's interviewer model saved or removed in the unit's transaction. */
export function createPgInterviewerModelWrites(tx: PgExec) {
  return {
    async save(workspaceId: string, record: InterviewerModelRecord) {
      const values = interviewerModelColumns(record);
      await tx
        .insert(interviewerModels)
        .values({ workspace_id: workspaceId, ...values })
        .onConflictDoUpdate({ target: interviewerModels.workspace_id, set: values });
    },
    async remove(workspaceId: string) {
      await tx.delete(interviewerModels).where(eq(interviewerModels.workspace_id, workspaceId));
    },
  } satisfies Writes['interviewerModels'];
}
