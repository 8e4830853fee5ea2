import { and, eq } from 'drizzle-orm';
import type { Writes } from '../../reads.ts';
import { type WorkspaceEvent, workspaceEventRow } from '../../repositories/member-grants.ts';
import type { PgExec } from '../client.ts';
import { memberGrants } from '../schema.ts';
import { appendEventRows } from './events.ts';

/** Grants and revocations of members' scopes, with their workspace events, in the unit's transaction. */
export function createPgMemberGrantWrites(tx: PgExec) {
  return {
    async grant(row: { workspace_id: string; user_id: string; scope: string; granted_at: string; granted_by: string }) {
      await tx.insert(memberGrants).values(row).onConflictDoNothing();
    },
    async revoke(workspaceId: string, userId: string, scope: string) {
      await tx
        .delete(memberGrants)
        .where(
          and(
            eq(memberGrants.workspace_id, workspaceId),
            eq(memberGrants.user_id, userId),
            eq(memberGrants.scope, scope),
          ),
        );
    },
    async appendEvents(workspaceId: string, emitted: readonly WorkspaceEvent[]) {
      await appendEventRows(
        tx,
        emitted.map((e) => workspaceEventRow(workspaceId, e)),
      );
    },
  } satisfies Writes['memberGrants'];
}
