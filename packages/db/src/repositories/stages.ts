import type { EvaluationStage } from '@stageflow/domain';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { evaluationStages, evaluationTemplates } from '../schema/index.ts';
import { withoutWorkspace } from './rows.ts';
import { createStageCache } from './stage-cache.ts';

type Row = typeof evaluationStages.$inferSelect;

const toStage = (row: Row): EvaluationStage => withoutWorkspace(row);
export const toStageRow = (workspaceId: string, s: EvaluationStage): Row => ({ ...s, workspace_id: workspaceId });

export function createStageRepository(db: Db) {
  const byTemplateQuery = db
    .select()
    .from(evaluationStages)
    .where(
      and(
        eq(evaluationStages.workspace_id, sql.placeholder('ws')),
        eq(evaluationStages.evaluation_template_id, sql.placeholder('template')),
      ),
    )
    .orderBy(asc(evaluationStages.stage_order), asc(evaluationStages.created_at))
    .prepare();

  const byIdQuery = db
    .select()
    .from(evaluationStages)
    .where(
      and(eq(evaluationStages.workspace_id, sql.placeholder('ws')), eq(evaluationStages.id, sql.placeholder('id'))),
    )
    .prepare();

  const versionQuery = db
    .select({ version: evaluationTemplates.version })
    .from(evaluationTemplates)
    .where(
      and(
        eq(evaluationTemplates.workspace_id, sql.placeholder('ws')),
        eq(evaluationTemplates.id, sql.placeholder('id')),
      ),
    )
    .prepare();

  /** Every stage of a template, archived ones included (they sort last: their order is null). */
  function allOfTemplate(workspaceId: string, templateId: string): EvaluationStage[] {
    const rows = byTemplateQuery.all({ ws: workspaceId, template: templateId }).map(toStage);
    // SQLite sorts NULL first; live stages come first in pipeline order.
    return [...rows.filter((s) => s.stage_order !== null), ...rows.filter((s) => s.stage_order === null)];
  }
  const cache = createStageCache(db, (ws, id) => versionQuery.get({ ws, id })?.version, allOfTemplate);

  return {
    allOfTemplate,
    /**
     * The template's stages as its current version holds them, kept in memory between reads (stage-cache.ts);
     * undefined when the workspace has no such template. Shared and frozen: never change them.
     */
    ofTemplate: cache.of,
    /** Call when a change to the template's stages is stored (pipelines.ts), inside its transaction. */
    changing: cache.changing,
    /** Live stages of several templates in one query (for template lists: no N+1). */
    liveOfTemplates(workspaceId: string, templateIds: readonly string[]): EvaluationStage[] {
      if (templateIds.length === 0) return [];
      return db
        .select()
        .from(evaluationStages)
        .where(
          and(
            eq(evaluationStages.workspace_id, workspaceId),
            inArray(evaluationStages.evaluation_template_id, [...templateIds]),
            isNotNull(evaluationStages.stage_order),
          ),
        )
        .orderBy(asc(evaluationStages.evaluation_template_id), asc(evaluationStages.stage_order))
        .all()
        .map(toStage);
    },
    byId(workspaceId: string, id: string): EvaluationStage | undefined {
      const row = byIdQuery.get({ ws: workspaceId, id });
      return row && toStage(row);
    },
    insert(tx: Tx, workspaceId: string, stage: EvaluationStage): void {
      tx.insert(evaluationStages).values(toStageRow(workspaceId, stage)).run();
    },
    update(tx: Tx, workspaceId: string, stage: EvaluationStage): void {
      tx.update(evaluationStages)
        .set(toStageRow(workspaceId, stage))
        .where(and(eq(evaluationStages.workspace_id, workspaceId), eq(evaluationStages.id, stage.id)))
        .run();
    },
    delete(tx: Tx, workspaceId: string, id: string): void {
      tx.delete(evaluationStages)
        .where(and(eq(evaluationStages.workspace_id, workspaceId), eq(evaluationStages.id, id)))
        .run();
    },
  };
}
export type StageRepository = ReturnType<typeof createStageRepository>;
