import { and, eq } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import type { PgExec } from '../client.ts';
import { binary, forUpdateIf } from '../for-update.ts';
import { memberGrants, members, users } from '../schema.ts';

/**
 * Scopes granted to members one by one, on PostgreSQL. In a write unit (`inWrite`) `scopesOf` locks the member's
 * grants the unit may revoke (the membership row, locked by `members.roleOf`, serializes grants not yet made).
 */
export function createPgMemberGrantReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  return {
    async scopesOf(workspaceId: string, userId: string): Promise<string[]> {
      const query = exec
        .select({ scope: memberGrants.scope })
        .from(memberGrants)
        .where(and(eq(memberGrants.workspace_id, workspaceId), eq(memberGrants.user_id, userId)))
        .$dynamic();
      return (await forUpdateIf(inWrite, query)).map((r) => r.scope);
    },
    async membersWithGrant(workspaceId: string, role: string, scope: string) {
      return exec
        .select({
          user_id: users.id,
          name: users.name,
          email: users.email,
          granted_at: memberGrants.granted_at,
          granted_by: memberGrants.granted_by,
        })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .leftJoin(
          memberGrants,
          and(
            eq(memberGrants.workspace_id, members.organizationId),
            eq(memberGrants.user_id, members.userId),
            eq(memberGrants.scope, scope),
          ),
        )
        .where(and(eq(members.organizationId, workspaceId), eq(members.role, role)))
        .orderBy(binary(users.name));
    },
  } satisfies Reads['memberGrants'];
}
