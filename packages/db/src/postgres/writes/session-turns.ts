import type { StoredTurn } from '@stageflow/domain';
import type { Writes } from '../../reads.ts';
import { turnRow } from '../../repositories/session-turns.ts';
import type { PgExec } from '../client.ts';
import { sessionTurns } from '../schema.ts';

/** Appends an interview's turns in the unit's transaction, in one statement. */
export function createPgSessionTurnWrites(tx: PgExec) {
  return {
    async append(workspaceId: string, sessionId: string, turns: readonly StoredTurn[]) {
      if (turns.length === 0) return;
      await tx.insert(sessionTurns).values(turns.map((turn) => turnRow(workspaceId, sessionId, turn)));
    },
  } satisfies Writes['sessionTurns'];
}
