import { trpc } from '../../app/trpc.ts';

/**
 * How many people are in a template and at each of its active stages, from the board's exact counts
 * (one card per column is all it loads). Edits and archiving say who they touch before they are made.
 */
export function usePipelinePeople(templateId: string) {
  const board = trpc.participants.board.useQuery({ evaluation_template_id: templateId, per_column: 1 });
  const columns = board.data?.columns ?? [];
  const stageColumns = columns.filter((c) => c.stage_id !== null);
  return {
    loaded: board.data !== undefined,
    /** Active participants whose current stage this is. */
    atStage: (stageId: string) => stageColumns.find((c) => c.stage_id === stageId)?.count ?? 0,
    inProgress: stageColumns.reduce((n, c) => n + c.count, 0),
    total: columns.reduce((n, c) => n + c.count, 0),
  };
}
