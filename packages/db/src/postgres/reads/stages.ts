import { type EvaluationStage, liveStages } from '@stageflow/domain';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { withoutWorkspace } from '../../repositories/rows.ts';
import type { PgExec } from '../client.ts';
import { evaluationStages, evaluationTemplates } from '../schema.ts';

type Row = typeof evaluationStages.$inferSelect;
const toStage = (row: Row): EvaluationStage => withoutWorkspace(row);
const ofStage = (workspaceId: string, id: string) =>
  and(eq(evaluationStages.workspace_id, workspaceId), eq(evaluationStages.id, id));

/**
 * The stage reads on PostgreSQL. Live stages sort first in pipeline order and archived ones (order null) last,
 * as on SQLite; PostgreSQL puts nulls last when ascending, so the order needs no second pass.
 */
export function createPgStageReads(db: PgExec) {
  async function allOfTemplate(workspaceId: string, templateId: string): Promise<EvaluationStage[]> {
    const rows = await db
      .select()
      .from(evaluationStages)
      .where(
        and(eq(evaluationStages.workspace_id, workspaceId), eq(evaluationStages.evaluation_template_id, templateId)),
      )
      .orderBy(sql`${evaluationStages.stage_order} asc nulls last`, asc(evaluationStages.created_at));
    return rows.map(toStage);
  }

  return {
    allOfTemplate,
    /** The template's stages at its current version, read together in one statement (no cache kept here yet). */
    async ofTemplate(workspaceId: string, templateId: string, _version?: number) {
      const [template] = await db
        .select({ version: evaluationTemplates.version })
        .from(evaluationTemplates)
        .where(and(eq(evaluationTemplates.workspace_id, workspaceId), eq(evaluationTemplates.id, templateId)));
      if (!template) return undefined;
      const all = await allOfTemplate(workspaceId, templateId);
      return { version: template.version, all, live: liveStages(all) };
    },
    async liveOfTemplates(workspaceId: string, templateIds: readonly string[]): Promise<EvaluationStage[]> {
      if (templateIds.length === 0) return [];
      const rows = await db
        .select()
        .from(evaluationStages)
        .where(
          and(
            eq(evaluationStages.workspace_id, workspaceId),
            inArray(evaluationStages.evaluation_template_id, [...templateIds]),
            isNotNull(evaluationStages.stage_order),
          ),
        )
        .orderBy(asc(evaluationStages.evaluation_template_id), asc(evaluationStages.stage_order));
      return rows.map(toStage);
    },
    async byId(workspaceId: string, id: string): Promise<EvaluationStage | undefined> {
      const [row] = await db.select().from(evaluationStages).where(ofStage(workspaceId, id));
      return row && toStage(row);
    },
  } satisfies Reads['stages'];
}
