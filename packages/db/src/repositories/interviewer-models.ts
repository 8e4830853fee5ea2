import type { WorkspaceModelRecord } from '@stageflow/domain';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { interviewerModels } from '../schema/index.ts';

/** A workspace's own model as the rules see it: `api_key` is the stored ciphertext. */
export type InterviewerModelRecord = WorkspaceModelRecord<string>;

type Row = typeof interviewerModels.$inferSelect;

/** The row as the rules see it (the key stays ciphertext). Shared with the PostgreSQL engine. */
export const toInterviewerModel = (row: Row): InterviewerModelRecord => ({
  base_url: row.base_url,
  model: row.model,
  api_key: row.api_key_encrypted,
  updated_at: row.updated_at,
  updated_by: row.updated_by,
});

/** The record's columns, for an insert or an update of the workspace's row. */
export const interviewerModelColumns = (record: InterviewerModelRecord) => ({
  base_url: record.base_url,
  model: record.model,
  api_key_encrypted: record.api_key,
  updated_at: record.updated_at,
  updated_by: record.updated_by,
});

export function createInterviewerModelRepository(db: Db) {
  return {
    byWorkspace(workspaceId: string): InterviewerModelRecord | null {
      const row = db.select().from(interviewerModels).where(eq(interviewerModels.workspace_id, workspaceId)).get();
      return row ? toInterviewerModel(row) : null;
    },
    save(tx: Tx, workspaceId: string, record: InterviewerModelRecord): void {
      const values = interviewerModelColumns(record);
      tx.insert(interviewerModels)
        .values({ workspace_id: workspaceId, ...values })
        .onConflictDoUpdate({ target: interviewerModels.workspace_id, set: values })
        .run();
    },
    remove(tx: Tx, workspaceId: string): void {
      tx.delete(interviewerModels).where(eq(interviewerModels.workspace_id, workspaceId)).run();
    },
  };
}
