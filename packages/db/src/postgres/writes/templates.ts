import type { EvaluationTemplate } from '@stageflow/domain';
import type { Writes } from '../../reads.ts';
import { toTemplateRow } from '../../repositories/templates.ts';
import type { PgExec } from '../client.ts';
import { ofTemplate } from '../reads/templates.ts';
import { evaluationTemplates } from '../schema.ts';

/** The template rows' writes on PostgreSQL, inside the change's transaction. */
export function createPgTemplateWrites(tx: PgExec) {
  return {
    async insert(workspaceId: string, template: EvaluationTemplate): Promise<void> {
      await tx.insert(evaluationTemplates).values(toTemplateRow(workspaceId, template));
    },
    async update(workspaceId: string, template: EvaluationTemplate): Promise<void> {
      await tx
        .update(evaluationTemplates)
        .set(toTemplateRow(workspaceId, template))
        .where(ofTemplate(workspaceId, template.id));
    },
  } satisfies Writes['templates'];
}
