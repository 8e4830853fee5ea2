import type { EvaluationTemplate } from '@stageflow/domain';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { type TemplateFilter, toTemplate } from '../../repositories/templates.ts';
import type { PgExec } from '../client.ts';
import { inWorkspace, preparedLockable } from '../prepared.ts';
import { evaluationTemplates } from '../schema.ts';
import { containsIgnoringAsciiCase, inByteOrder } from '../text.ts';

export const ofTemplate = (workspaceId: string, id: string) =>
  and(eq(evaluationTemplates.workspace_id, workspaceId), eq(evaluationTemplates.id, id));

/**
 * A template's row by id (placeholders `workspaceId`, `id`), locked in a write: what `byId` and every participant
 * command's load read (docs/decisions/037-prepared-queries-on-postgresql.md).
 */
export const templateRow = preparedLockable('templates_by_id', (db) =>
  db
    .select()
    .from(evaluationTemplates)
    .where(and(inWorkspace(evaluationTemplates.workspace_id), eq(evaluationTemplates.id, sql.placeholder('id'))))
    .$dynamic(),
);

/**
 * The template reads on PostgreSQL. The list is newest change first, as on SQLite; templates changed in the same
 * millisecond come in SQLite in whatever order its plan reads them (by id, or newest row first), here by id. In a write transaction (`inWrite`) `byId` locks the template's row
 * (`FOR UPDATE`): an enrolment or a pipeline change stores after it, and must not store over a change it
 * did not see.
 */
export function createPgTemplateReads(db: PgExec, options: { inWrite?: boolean } = {}) {
  const rowById = templateRow.lockIf(options.inWrite === true);
  return {
    async list(workspaceId: string, filter: TemplateFilter): Promise<EvaluationTemplate[]> {
      const rows = await db
        .select()
        .from(evaluationTemplates)
        .where(
          and(
            eq(evaluationTemplates.workspace_id, workspaceId),
            filter.status === 'all' ? undefined : eq(evaluationTemplates.status, filter.status),
            filter.search ? containsIgnoringAsciiCase(evaluationTemplates.template_name, filter.search) : undefined,
          ),
        )
        .orderBy(desc(inByteOrder(evaluationTemplates.updated_at)), asc(evaluationTemplates.id));
      return rows.map(toTemplate);
    },
    /** Every template's id, name and status: what the name rule reads (docs/rules.md#template-names). */
    async names(workspaceId: string) {
      return db
        .select({
          id: evaluationTemplates.id,
          template_name: evaluationTemplates.template_name,
          status: evaluationTemplates.status,
        })
        .from(evaluationTemplates)
        .where(eq(evaluationTemplates.workspace_id, workspaceId));
    },
    async byId(workspaceId: string, id: string): Promise<EvaluationTemplate | undefined> {
      const [row] = await rowById(db, { workspaceId, id });
      return row && toTemplate(row);
    },
  } satisfies Reads['templates'];
}
