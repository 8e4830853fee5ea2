import { type Db, readTx } from '@stageflow/db';
import {
  type ExportParticipantsFilter,
  type ExportTemplate,
  MAX_EXPORT_ROWS,
  participantsCsv,
  typeFromName,
} from '@stageflow/domain';
import type { AppContext } from './context.ts';

/**
 * The participant list as filtered, as a CSV file (docs/rules.md#csv-export): the rows and their
 * templates read in one snapshot, the file written by the domain.
 */
export function exportParticipants(ctx: AppContext & { readonly db: Db }, filter: ExportParticipantsFilter) {
  return readTx(ctx.db, () => {
    const { participants, truncated } = ctx.repos.participants.forExport(ctx.workspaceId, filter, MAX_EXPORT_ROWS);
    const templateIds = [...new Set(participants.map((p) => p.evaluation_template_id))];
    const templates: ExportTemplate[] = templateIds.flatMap((id) => {
      const pipeline = ctx.repos.pipelines.load(ctx.workspaceId, id);
      return pipeline ? [{ ...pipeline.template, stages: pipeline.stages }] : [];
    });
    const named = filter.evaluation_template_id
      ? ctx.repos.templates.byId(ctx.workspaceId, filter.evaluation_template_id)?.template_name
      : undefined;
    const slug = named ? `-${typeFromName(named).replaceAll('_', '-')}` : '';
    return {
      filename: `participants${slug}-${ctx.now().slice(0, 10)}.csv`,
      csv: participantsCsv(participants, templates),
      rows: participants.length,
      truncated,
    };
  });
}
