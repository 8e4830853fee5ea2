import type { EvaluationStage } from '@stageflow/domain';
import { and, eq } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import { toStageRow } from '../../repositories/stages.ts';
import type { PgExec } from '../client.ts';
import { evaluationStages } from '../schema.ts';
import type { PgStageCache } from '../stage-cache.ts';

const ofStage = (workspaceId: string, id: string) =>
  and(eq(evaluationStages.workspace_id, workspaceId), eq(evaluationStages.id, id));

/**
 * The stage rows' writes on PostgreSQL. Each tells the stage cache that this transaction changes stages
 * (stage-cache.ts): nothing it reads is kept until it ends.
 */
export function createPgStageWrites(tx: PgExec, cache?: PgStageCache) {
  return {
    async insert(workspaceId: string, stage: EvaluationStage): Promise<void> {
      cache?.changing(tx);
      await tx.insert(evaluationStages).values(toStageRow(workspaceId, stage));
    },
    async update(workspaceId: string, stage: EvaluationStage): Promise<void> {
      cache?.changing(tx);
      await tx.update(evaluationStages).set(toStageRow(workspaceId, stage)).where(ofStage(workspaceId, stage.id));
    },
    async delete(workspaceId: string, id: string): Promise<void> {
      cache?.changing(tx);
      await tx.delete(evaluationStages).where(ofStage(workspaceId, id));
    },
  } satisfies Writes['stages'];
}
