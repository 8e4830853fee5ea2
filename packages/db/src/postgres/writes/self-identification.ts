import type { SelfIdentificationRecord } from '@stageflow/domain';
import type { Writes } from '../../reads.ts';
import type { PgExec } from '../client.ts';
import { selfIdentifications } from '../schema.ts';

/** A participant's answers, inserted or replaced, in the unit's transaction. */
export function createPgSelfIdentificationWrites(tx: PgExec) {
  return {
    async save(workspaceId: string, record: SelfIdentificationRecord) {
      const row = { ...record, workspace_id: workspaceId };
      await tx
        .insert(selfIdentifications)
        .values(row)
        .onConflictDoUpdate({
          target: [selfIdentifications.workspace_id, selfIdentifications.participant_id],
          set: row,
        });
    },
  } satisfies Writes['selfIdentification'];
}
