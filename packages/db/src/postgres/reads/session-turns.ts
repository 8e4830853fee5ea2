import type { StoredTurn } from '@stageflow/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { toTurn } from '../../repositories/session-turns.ts';
import type { PgExec } from '../client.ts';
import { forUpdateIf } from '../for-update.ts';
import { sessionTurns } from '../schema.ts';

/** An interview's turns on PostgreSQL; in a write unit (`inWrite`) the turns an append follows are locked. */
export function createPgSessionTurnReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  return {
    async list(workspaceId: string, sessionId: string): Promise<StoredTurn[]> {
      const query = exec
        .select()
        .from(sessionTurns)
        .where(and(eq(sessionTurns.workspace_id, workspaceId), eq(sessionTurns.session_id, sessionId)))
        .orderBy(asc(sessionTurns.idx))
        .$dynamic();
      return (await forUpdateIf(inWrite, query)).map(toTurn);
    },
  } satisfies Reads['sessionTurns'];
}
