import type { SelfIdentificationRecord } from '@stageflow/domain';
import { and, eq } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { withoutWorkspace } from '../../repositories/rows.ts';
import type { PgExec } from '../client.ts';
import { forUpdateIf } from '../for-update.ts';
import { selfIdentifications } from '../schema.ts';

/** A participant's self-identification on PostgreSQL; in a write unit (`inWrite`) the row it replaces is locked. */
export function createPgSelfIdentificationReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  return {
    async byParticipant(workspaceId: string, participantId: string): Promise<SelfIdentificationRecord | undefined> {
      const query = exec
        .select()
        .from(selfIdentifications)
        .where(
          and(eq(selfIdentifications.workspace_id, workspaceId), eq(selfIdentifications.participant_id, participantId)),
        )
        .$dynamic();
      const [row] = await forUpdateIf(inWrite, query);
      return row && withoutWorkspace(row);
    },
  } satisfies Reads['selfIdentification'];
}
