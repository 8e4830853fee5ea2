import { and, eq, notExists } from 'drizzle-orm';
import type { Reads } from '../../reads.ts';
import { type NewWorkspace, newWorkspaceRow, type Workspace } from '../../repositories/workspaces.ts';
import type { PgExec } from '../client.ts';
import { binary } from '../for-update.ts';
import { members, workspaces } from '../schema.ts';

/** Workspaces on PostgreSQL (better-auth's organizations); `insert` is one statement, for seeds and the CLI. */
export function createPgWorkspaceReads(exec: PgExec, _options: { inWrite?: boolean } = {}) {
  return {
    async bySlug(slug: string): Promise<Workspace | undefined> {
      const [row] = await exec.select().from(workspaces).where(eq(workspaces.slug, slug));
      return row;
    },
    async byId(id: string): Promise<Workspace | undefined> {
      const [row] = await exec.select().from(workspaces).where(eq(workspaces.id, id));
      return row;
    },
    /** Workspaces no owner belongs to, by slug (byte order, as SQLite sorts). */
    async withoutOwner(): Promise<Pick<Workspace, 'id' | 'slug' | 'name'>[]> {
      const owner = exec
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.organizationId, workspaces.id), eq(members.role, 'owner')));
      return exec
        .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
        .from(workspaces)
        .where(notExists(owner))
        .orderBy(binary(workspaces.slug));
    },
    async insert(workspace: NewWorkspace): Promise<Workspace> {
      const row = newWorkspaceRow(workspace);
      await exec.insert(workspaces).values(row);
      return row;
    },
  } satisfies Reads['workspaces'];
}
