import type { StoredTurn } from '@stageflow/domain';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { toTurn } from '../../repositories/session-turns.ts';
import type { PgExec } from '../client.ts';
import { inWorkspace, preparedLockable } from '../prepared.ts';
import { sessionTurns } from '../schema.ts';

// Every interview turn and every completion reads them (docs/decisions/037-prepared-queries-on-postgresql.md).
const turnsOf = preparedLockable('session_turns_of_session', (db) =>
  db
    .select()
    .from(sessionTurns)
    .where(and(inWorkspace(sessionTurns.workspace_id), eq(sessionTurns.session_id, sql.placeholder('sessionId'))))
    .orderBy(asc(sessionTurns.idx))
    .$dynamic(),
);

/** An interview's turns on PostgreSQL; in a write unit (`inWrite`) the turns an append follows are locked. */
export function createPgSessionTurnReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  const readTurns = turnsOf.lockIf(inWrite);
  return {
    async list(workspaceId: string, sessionId: string): Promise<StoredTurn[]> {
      return (await readTurns(exec, { workspaceId, sessionId })).map(toTurn);
    },
  } satisfies Reads['sessionTurns'];
}
