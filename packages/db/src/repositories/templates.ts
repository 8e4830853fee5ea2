import type { EvaluationTemplate } from '@stageflow/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { evaluationTemplates } from '../schema/index.ts';
import { likePattern, nullsToUndefined, withoutWorkspace } from './rows.ts';

type Row = typeof evaluationTemplates.$inferSelect;

const OPTIONAL = [
  'description',
  'objective',
  'custom_outcome_labels',
  'industry',
  'level',
  'requirements',
  'ai_context',
] as const;

export const toTemplate = (row: Row): EvaluationTemplate =>
  nullsToUndefined(withoutWorkspace(row), OPTIONAL) as EvaluationTemplate;

export const toTemplateRow = (workspaceId: string, t: EvaluationTemplate): Row => {
  const row: Record<string, unknown> = { ...t, workspace_id: workspaceId };
  for (const key of OPTIONAL) row[key] ??= null;
  return row as Row;
};

export interface TemplateFilter {
  status: 'draft' | 'active' | 'archived' | 'all';
  search?: string | undefined;
}

export function createTemplateRepository(db: Db) {
  const byIdQuery = db
    .select()
    .from(evaluationTemplates)
    .where(
      and(
        eq(evaluationTemplates.workspace_id, sql.placeholder('ws')),
        eq(evaluationTemplates.id, sql.placeholder('id')),
      ),
    )
    .prepare();

  return {
    list(workspaceId: string, filter: TemplateFilter): EvaluationTemplate[] {
      return db
        .select()
        .from(evaluationTemplates)
        .where(
          and(
            eq(evaluationTemplates.workspace_id, workspaceId),
            filter.status === 'all' ? undefined : eq(evaluationTemplates.status, filter.status),
            filter.search
              ? sql`${evaluationTemplates.template_name} like ${likePattern(filter.search)} escape '\\' collate nocase`
              : undefined,
          ),
        )
        .orderBy(desc(evaluationTemplates.updated_at))
        .all()
        .map(toTemplate);
    },
    /** Every template's id, name and status: what the name rule reads (docs/rules.md#template-names). */
    names(workspaceId: string) {
      return db
        .select({
          id: evaluationTemplates.id,
          template_name: evaluationTemplates.template_name,
          status: evaluationTemplates.status,
        })
        .from(evaluationTemplates)
        .where(eq(evaluationTemplates.workspace_id, workspaceId))
        .all();
    },
    byId(workspaceId: string, id: string): EvaluationTemplate | undefined {
      const row = byIdQuery.get({ ws: workspaceId, id });
      return row && toTemplate(row);
    },
    insert(tx: Tx, workspaceId: string, template: EvaluationTemplate): void {
      tx.insert(evaluationTemplates).values(toTemplateRow(workspaceId, template)).run();
    },
    update(tx: Tx, workspaceId: string, template: EvaluationTemplate): void {
      tx.update(evaluationTemplates)
        .set(toTemplateRow(workspaceId, template))
        .where(and(eq(evaluationTemplates.workspace_id, workspaceId), eq(evaluationTemplates.id, template.id)))
        .run();
    },
  };
}
