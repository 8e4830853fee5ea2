import { type EvaluationStage, liveStages } from '@stageflow/domain';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { withoutWorkspace } from '../../repositories/rows.ts';
import type { PgExec } from '../client.ts';
import { inWorkspace, prepared } from '../prepared.ts';
import { evaluationStages, evaluationTemplates } from '../schema.ts';

type Row = typeof evaluationStages.$inferSelect;
const toStage = (row: Row): EvaluationStage => withoutWorkspace(row);
// Every page and command reads a template's stages (docs/decisions/037-prepared-queries-on-postgresql.md).
const stagesOfTemplate = prepared('stages_of_template', (db) =>
  db
    .select()
    .from(evaluationStages)
    .where(
      and(
        inWorkspace(evaluationStages.workspace_id),
        eq(evaluationStages.evaluation_template_id, sql.placeholder('templateId')),
      ),
    )
    .orderBy(sql`${evaluationStages.stage_order} asc nulls last`, asc(evaluationStages.created_at)),
);
const templateVersion = prepared('stages_template_version', (db) =>
  db
    .select({ version: evaluationTemplates.version })
    .from(evaluationTemplates)
    .where(
      and(inWorkspace(evaluationTemplates.workspace_id), eq(evaluationTemplates.id, sql.placeholder('templateId'))),
    ),
);
const stageById = prepared('stages_by_id', (db) =>
  db
    .select()
    .from(evaluationStages)
    .where(and(inWorkspace(evaluationStages.workspace_id), eq(evaluationStages.id, sql.placeholder('id')))),
);

/**
 * The stage reads on PostgreSQL. Live stages sort first in pipeline order and archived ones (order null) last,
 * as on SQLite; PostgreSQL puts nulls last when ascending, so the order needs no second pass.
 */
export function createPgStageReads(db: PgExec) {
  async function allOfTemplate(workspaceId: string, templateId: string): Promise<EvaluationStage[]> {
    return (await stagesOfTemplate(db, { workspaceId, templateId })).map(toStage);
  }

  return {
    allOfTemplate,
    /** The template's stages at its current version, read together in one statement (no cache kept here yet). */
    async ofTemplate(workspaceId: string, templateId: string, _version?: number) {
      const [template] = await templateVersion(db, { workspaceId, templateId });
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
      const [row] = await stageById(db, { workspaceId, id });
      return row && toStage(row);
    },
  } satisfies Reads['stages'];
}
