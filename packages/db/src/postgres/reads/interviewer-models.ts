import { eq } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { type InterviewerModelRecord, toInterviewerModel } from '../../repositories/interviewer-models.ts';
import type { PgExec } from '../client.ts';
import { forUpdateIf } from '../for-update.ts';
import { interviewerModels } from '../schema.ts';

/** A workspace's own interviewer model on PostgreSQL; in a write unit (`inWrite`) its row is locked. */
export function createPgInterviewerModelReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  return {
    async byWorkspace(workspaceId: string): Promise<InterviewerModelRecord | null> {
      const query = exec
        .select()
        .from(interviewerModels)
        .where(eq(interviewerModels.workspace_id, workspaceId))
        .$dynamic();
      const [row] = await forUpdateIf(inWrite, query);
      return row ? toInterviewerModel(row) : null;
    },
  } satisfies Reads['interviewerModels'];
}
