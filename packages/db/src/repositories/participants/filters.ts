/**
 * The participant list's filters and paging as conditions, over either engine's `participants` table (SQLite's or
 * its PostgreSQL twin): the same columns and operators on both, so the list, its count, its export and a bulk
 * action's selection match the same people on either engine. Only the name-or-email search is each dialect's own
 * (case-insensitive LIKE is spelled differently), so it is passed in.
 */
import type { ParticipantCursor, ParticipantStatus } from '@stageflow/domain';
import { and, type Column, eq, lt, or, type SQL } from 'drizzle-orm';

export interface ParticipantFilter {
  evaluation_template_id?: string | undefined;
  stage_id?: string | undefined;
  status?: ParticipantStatus | undefined;
  search?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The columns of a `participants` table the filters read. */
interface FilteredColumns {
  readonly id: Column;
  readonly workspace_id: Column;
  readonly evaluation_template_id: Column;
  readonly current_stage_id: Column;
  readonly status: Column;
  readonly created_at: Column;
}

/** The list's filters (all but paging), always within the workspace; `nameOrEmailLike` is the dialect's search. */
export const listFiltersOn =
  (t: FilteredColumns, nameOrEmailLike: (search: string | undefined) => SQL | undefined) =>
  (workspaceId: string, f: Omit<ParticipantFilter, 'limit' | 'cursor'>) =>
    and(
      eq(t.workspace_id, workspaceId),
      f.evaluation_template_id ? eq(t.evaluation_template_id, f.evaluation_template_id) : undefined,
      f.stage_id ? eq(t.current_stage_id, f.stage_id) : undefined,
      f.status ? eq(t.status, f.status) : undefined,
      nameOrEmailLike(f.search),
    );

/** Those after a cursor in the list's order: newest first, then by id descending. */
export const afterCursorOn = (t: FilteredColumns, after: ParticipantCursor | undefined) =>
  after
    ? or(lt(t.created_at, after.created_at), and(eq(t.created_at, after.created_at), lt(t.id, after.id)))
    : undefined;
