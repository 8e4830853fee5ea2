import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { invitations, members, users, workspaces } from '../schema/index.ts';

export interface NewMember {
  readonly id: string;
  readonly workspaceId: string;
  readonly userId: string;
  readonly role: string;
  readonly createdAt?: Date;
}

/** The membership row better-auth would write (made now unless said). Shared with the PostgreSQL engine. */
export const newMemberRow = (member: NewMember) => ({
  id: member.id,
  organizationId: member.workspaceId,
  userId: member.userId,
  role: member.role,
  createdAt: member.createdAt ?? new Date(),
});

export function createMemberRepository(db: Db) {
  const roleQuery = db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.organizationId, sql.placeholder('ws')), eq(members.userId, sql.placeholder('user'))))
    .prepare();
  return {
    /** The user's role in the workspace, read on every signed-in request. */
    roleOf(workspaceId: string, userId: string): string | undefined {
      return roleQuery.get({ ws: workspaceId, user: userId })?.role;
    },
    /** The workspaces a user belongs to, with their role in each. */
    workspacesOf(userId: string, order: 'name' | 'joined' = 'name') {
      return db
        .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: members.role })
        .from(members)
        .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
        .where(eq(members.userId, userId))
        .orderBy(order === 'name' ? workspaces.name : members.createdAt)
        .all();
    },
    user(userId: string) {
      return db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, userId))
        .get();
    },
    /** An account by its email as better-auth stores it (trimmed, lowercase): for the operators' CLI. */
    userByEmail(email: string) {
      return db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(eq(users.email, email.trim().toLowerCase()))
        .get();
    },
    /** How many owners the workspace has. */
    ownerCount(workspaceId: string): number {
      return db
        .select({ n: count() })
        .from(members)
        .where(and(eq(members.organizationId, workspaceId), eq(members.role, 'owner')))
        .get()!.n;
    },
    /** Members with their names, for the Settings page. */
    list(workspaceId: string) {
      return db
        .select({
          id: members.id,
          user_id: users.id,
          name: users.name,
          email: users.email,
          role: members.role,
          joined_at: members.createdAt,
        })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(eq(members.organizationId, workspaceId))
        .orderBy(users.name)
        .all();
    },
    pendingInvitations(workspaceId: string) {
      return db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          expires_at: invitations.expiresAt,
        })
        .from(invitations)
        .where(and(eq(invitations.organizationId, workspaceId), eq(invitations.status, 'pending')))
        .orderBy(invitations.createdAt)
        .all();
    },
    /** What an invitee sees before accepting: which workspace, which role, for which address. */
    invitation(invitationId: string) {
      return db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          status: invitations.status,
          expires_at: invitations.expiresAt,
          workspace_name: workspaces.name,
        })
        .from(invitations)
        .innerJoin(workspaces, eq(workspaces.id, invitations.organizationId))
        .where(eq(invitations.id, invitationId))
        .get();
    },
    /** Changes a member's role; false when the user is not a member of the workspace. */
    setRole(workspaceId: string, userId: string, role: string): boolean {
      const result = db
        .update(members)
        .set({ role })
        .where(and(eq(members.organizationId, workspaceId), eq(members.userId, userId)))
        .run();
      return result.changes > 0;
    },
    add(member: NewMember): void {
      db.insert(members).values(newMemberRow(member)).run();
    },
  };
}
