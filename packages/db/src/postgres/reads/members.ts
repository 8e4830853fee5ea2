import { and, count, eq } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { type NewMember, newMemberRow } from '../../repositories/members.ts';
import type { PgExec } from '../client.ts';
import { binary, forUpdateIf } from '../for-update.ts';
import { invitations, members, users, workspaces } from '../schema.ts';

const ofMember = (workspaceId: string, userId: string) =>
  and(eq(members.organizationId, workspaceId), eq(members.userId, userId));

/**
 * Members, their accounts and invitations on PostgreSQL: better-auth's tables, where times are `timestamptz(3)`
 * read as the same `Date`s SQLite's milliseconds give. Names sort in byte order, as on SQLite. In a write unit
 * (`inWrite`), `roleOf` locks the membership: a grant change then runs alone per member, and a role change waits
 * for it; `ownerCount` locks the owners' memberships, so role changes among a workspace's owners take turns.
 * `setRole` and `add` are single statements.
 */
export function createPgMemberReads(exec: PgExec, { inWrite = false }: { inWrite?: boolean } = {}) {
  return {
    async roleOf(workspaceId: string, userId: string): Promise<string | undefined> {
      const query = exec.select({ role: members.role }).from(members).where(ofMember(workspaceId, userId)).$dynamic();
      const [row] = await forUpdateIf(inWrite, query);
      return row?.role;
    },
    async workspacesOf(userId: string, order: 'name' | 'joined' = 'name') {
      return exec
        .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: members.role })
        .from(members)
        .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
        .where(eq(members.userId, userId))
        .orderBy(order === 'name' ? binary(workspaces.name) : members.createdAt);
    },
    async user(userId: string) {
      const [row] = await exec
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, userId));
      return row;
    },
    async userByEmail(email: string) {
      const [row] = await exec
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(eq(users.email, email.trim().toLowerCase()));
      return row;
    },
    async ownerCount(workspaceId: string): Promise<number> {
      const owners = and(eq(members.organizationId, workspaceId), eq(members.role, 'owner'));
      if (inWrite) {
        // Each owner's membership locked, in id order: a role change waits for another one's commit, then counts
        // only those still owners, so two demotions at once never take a workspace's last owner.
        const locked = await exec
          .select({ id: members.id })
          .from(members)
          .where(owners)
          .orderBy(members.id)
          .for('update');
        return locked.length;
      }
      const [row] = await exec.select({ n: count() }).from(members).where(owners);
      return row!.n;
    },
    async list(workspaceId: string) {
      return exec
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
        .orderBy(binary(users.name));
    },
    async pendingInvitations(workspaceId: string) {
      return exec
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          expires_at: invitations.expiresAt,
        })
        .from(invitations)
        .where(and(eq(invitations.organizationId, workspaceId), eq(invitations.status, 'pending')))
        .orderBy(invitations.createdAt);
    },
    async invitation(invitationId: string) {
      const [row] = await exec
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
        .where(eq(invitations.id, invitationId));
      return row;
    },
    async setRole(workspaceId: string, userId: string, role: string): Promise<boolean> {
      const changed = await exec
        .update(members)
        .set({ role })
        .where(ofMember(workspaceId, userId))
        .returning({ id: members.id });
      return changed.length > 0;
    },
    async add(member: NewMember): Promise<void> {
      await exec.insert(members).values(newMemberRow(member));
    },
  } satisfies Reads['members'];
}
