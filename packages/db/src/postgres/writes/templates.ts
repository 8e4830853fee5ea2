import type { EvaluationTemplate } from '@stageflow/domain';
import type { Writes } from '../../reads.ts';
import { toTemplateRow } from '../../repositories/templates.ts';
import type { PgExec } from '../client.ts';
import { ofTemplate } from '../reads/templates.ts';
import { evaluationTemplates } from '../schema.ts';
import type { PgStageCache } from '../stage-cache.ts';

/**
 * The template rows' writes on PostgreSQL, inside the change's transaction. A template's version is what the stage
 * cache keeps its stages at (stage-cache.ts): a transaction that writes it keeps nothing it reads until it ends.
 */
export function createPgTemplateWrites(tx: PgExec, cache?: PgStageCache) {
  return {
    async insert(workspaceId: string, template: EvaluationTemplate): Promise<void> {
      cache?.changing(tx);
      await tx.insert(evaluationTemplates).values(toTemplateRow(workspaceId, template));
    },
    async update(workspaceId: string, template: EvaluationTemplate): Promise<void> {
      cache?.changing(tx);
      await tx
        .update(evaluationTemplates)
        .set(toTemplateRow(workspaceId, template))
        .where(ofTemplate(workspaceId, template.id));
    },
  } satisfies Writes['templates'];
}
