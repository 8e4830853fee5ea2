import { type EvaluationStage, liveStages } from '@stageflow/domain';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { withoutWorkspace } from '../../repositories/rows.ts';
import type { PgExec } from '../client.ts';
import { inWorkspace, prepared } from '../prepared.ts';
import { evaluationStages, evaluationTemplates } from '../schema.ts';
import type { PgStageCache } from '../stage-cache.ts';

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
/** The template's version and its stages in one statement (one snapshot): what the stage cache keeps. */
const versionAndStages = prepared('stages_with_template_version', (db) =>
  db
    .select({ version: evaluationTemplates.version, stage: evaluationStages })
    .from(evaluationTemplates)
    .leftJoin(
      evaluationStages,
      and(
        eq(evaluationStages.workspace_id, evaluationTemplates.workspace_id),
        eq(evaluationStages.evaluation_template_id, evaluationTemplates.id),
      ),
    )
    .where(
      and(inWorkspace(evaluationTemplates.workspace_id), eq(evaluationTemplates.id, sql.placeholder('templateId'))),
    )
    .orderBy(sql`${evaluationStages.stage_order} asc nulls last`, asc(evaluationStages.created_at)),
);
const stageById = prepared('stages_by_id', (db) =>
  db
    .select()
    .from(evaluationStages)
    .where(and(inWorkspace(evaluationStages.workspace_id), eq(evaluationStages.id, sql.placeholder('id')))),
);

/**
 * The stage reads on PostgreSQL. Live stages sort first in pipeline order and archived ones (order null) last,
 * as on SQLite; PostgreSQL puts nulls last when ascending, so the order needs no second pass. `ofTemplate` answers
 * from `cache` (stage-cache.ts) when it has the stages at the version read here; without one it reads them.
 */
export function createPgStageReads(db: PgExec, cache?: PgStageCache) {
  async function allOfTemplate(workspaceId: string, templateId: string): Promise<EvaluationStage[]> {
    return (await stagesOfTemplate(db, { workspaceId, templateId })).map(toStage);
  }

  return {
    allOfTemplate,
    /**
     * The template's stages at its current version (undefined when the workspace has no such template). `version`
     * is the one the caller read in its own snapshot (the template row), which saves reading it again. Shared and
     * frozen when they come from the cache: never change them.
     */
    async ofTemplate(workspaceId: string, templateId: string, version?: number) {
      if (cache) {
        const current = version ?? (await templateVersion(db, { workspaceId, templateId }))[0]?.version;
        if (current === undefined) return undefined;
        const hit = cache.at(workspaceId, templateId, current);
        if (hit) return hit;
      }
      const rows = await versionAndStages(db, { workspaceId, templateId });
      if (rows.length === 0) return undefined;
      const all = rows.flatMap(({ stage }) => (stage ? [toStage(stage)] : []));
      if (cache) return cache.keep(db, workspaceId, templateId, rows[0]!.version, all);
      return { version: rows[0]!.version, all, live: liveStages(all) };
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
