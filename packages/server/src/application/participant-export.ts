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
export async function exportParticipants(ctx: AppContext, filter: ExportParticipantsFilter) {
  return ctx.storage.snapshot(function* (r) {
    const { participants, truncated } = yield* r.participants.forExport(ctx.workspaceId, filter, MAX_EXPORT_ROWS);
    const templateIds = [...new Set(participants.map((p) => p.evaluation_template_id))];
    const templates: ExportTemplate[] = [];
    for (const id of templateIds) {
      const pipeline = yield* r.pipelines.load(ctx.workspaceId, id);
      if (pipeline) templates.push({ ...pipeline.template, stages: pipeline.stages });
    }
    const named = filter.evaluation_template_id
      ? (yield* r.templates.byId(ctx.workspaceId, filter.evaluation_template_id))?.template_name
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
