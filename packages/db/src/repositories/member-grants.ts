import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { events, memberGrants, members, users } from '../schema/index.ts';

/** A workspace event about its members (no participant): who was let in to something, or out. */
export interface WorkspaceEvent {
  readonly type: string;
  readonly actor: string;
  readonly occurred_at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The audit-log row of a workspace event. Shared with the PostgreSQL engine. */
export const workspaceEventRow = (workspaceId: string, e: WorkspaceEvent) => ({
  workspace_id: workspaceId,
  type: e.type,
  actor: e.actor,
  occurred_at: e.occurred_at,
  data: { ...e.data },
});

/** Scopes owners grant members one by one, beyond their role (docs/surfaces.md#roles-and-scopes). */
export function createMemberGrantRepository(db: Db) {
  const scopesQuery = db
    .select({ scope: memberGrants.scope })
    .from(memberGrants)
    .where(and(eq(memberGrants.workspace_id, sql.placeholder('ws')), eq(memberGrants.user_id, sql.placeholder('user'))))
    .prepare();
  return {
    /** The scopes granted to the member, whatever their role now (the server decides whether they count). */
    scopesOf(workspaceId: string, userId: string): string[] {
      return scopesQuery.all({ ws: workspaceId, user: userId }).map((r) => r.scope);
    },
    /** The workspace's members of `role` with their grant of `scope`, if any, by name. */
    membersWithGrant(workspaceId: string, role: string, scope: string) {
      return db
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
        .orderBy(users.name)
        .all();
    },
    grant(
      tx: Tx,
      row: { workspace_id: string; user_id: string; scope: string; granted_at: string; granted_by: string },
    ) {
      tx.insert(memberGrants).values(row).onConflictDoNothing().run();
    },
    revoke(tx: Tx, workspaceId: string, userId: string, scope: string) {
      tx.delete(memberGrants)
        .where(
          and(
            eq(memberGrants.workspace_id, workspaceId),
            eq(memberGrants.user_id, userId),
            eq(memberGrants.scope, scope),
          ),
        )
        .run();
    },
    /** Appends workspace events (no participant, no template) to the audit log. */
    appendEvents(tx: Tx, workspaceId: string, emitted: readonly WorkspaceEvent[]) {
      for (const e of emitted) {
        tx.insert(events).values(workspaceEventRow(workspaceId, e)).run();
      }
    },
  };
}
