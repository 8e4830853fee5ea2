import type { StoredTurn } from '@stageflow/domain';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { sessionTurns } from '../schema/index.ts';

type Row = typeof sessionTurns.$inferSelect;

/** A stored turn as the rules see it, and back: shared with the PostgreSQL engine. */
export const toTurn = ({ workspace_id: _, session_id: __, idx, ...row }: Row): StoredTurn => ({ index: idx, ...row });
export const turnRow = (workspaceId: string, sessionId: string, { index, ...turn }: StoredTurn) => ({
  ...turn,
  workspace_id: workspaceId,
  session_id: sessionId,
  idx: index,
});

/** An interview's turns (docs/entities.md#session-turn), always read and written within one workspace. */
export function createSessionTurnRepository(db: Db) {
  const ofSession = db
    .select()
    .from(sessionTurns)
    .where(
      and(eq(sessionTurns.workspace_id, sql.placeholder('ws')), eq(sessionTurns.session_id, sql.placeholder('id'))),
    )
    .orderBy(asc(sessionTurns.idx))
    .prepare();
  const insert = db
    .insert(sessionTurns)
    .values({
      workspace_id: sql.placeholder('workspace_id'),
      session_id: sql.placeholder('session_id'),
      idx: sql.placeholder('idx'),
      speaker: sql.placeholder('speaker'),
      text: sql.placeholder('text'),
      at: sql.placeholder('at'),
      source: sql.placeholder('source'),
      prompt_version: sql.placeholder('prompt_version'),
      ended_by: sql.placeholder('ended_by'),
      client_key: sql.placeholder('client_key'),
    } as never)
    .prepare();
  return {
    /** The session's turns in order; empty for a session without an interview (or another workspace's). */
    list(workspaceId: string, sessionId: string): StoredTurn[] {
      return ofSession.all({ ws: workspaceId, id: sessionId }).map(toTurn);
    },
    /** Appends turns in the caller's transaction (`_tx`: the prepared statement shares its connection). */
    append(_tx: Tx, workspaceId: string, sessionId: string, turns: readonly StoredTurn[]): void {
      for (const turn of turns) insert.run(turnRow(workspaceId, sessionId, turn));
    },
  };
}
