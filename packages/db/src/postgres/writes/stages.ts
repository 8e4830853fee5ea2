import type { EvaluationStage } from '@stageflow/domain';
import { and, eq } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import { toStageRow } from '../../repositories/stages.ts';
import type { PgExec } from '../client.ts';
import { evaluationStages } from '../schema.ts';

const ofStage = (workspaceId: string, id: string) =>
  and(eq(evaluationStages.workspace_id, workspaceId), eq(evaluationStages.id, id));

/**
 * The stage rows' writes on PostgreSQL. SQLite's stage cache is told of a change (`changing`); the PostgreSQL
 * stage reads keep no cache, so there is nothing to tell here.
 */
export function createPgStageWrites(tx: PgExec) {
  return {
    async insert(workspaceId: string, stage: EvaluationStage): Promise<void> {
      await tx.insert(evaluationStages).values(toStageRow(workspaceId, stage));
    },
    async update(workspaceId: string, stage: EvaluationStage): Promise<void> {
      await tx.update(evaluationStages).set(toStageRow(workspaceId, stage)).where(ofStage(workspaceId, stage.id));
    },
    async delete(workspaceId: string, id: string): Promise<void> {
      await tx.delete(evaluationStages).where(ofStage(workspaceId, id));
    },
  } satisfies Writes['stages'];
}
