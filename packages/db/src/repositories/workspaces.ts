import { and, eq, notExists } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { members, workspaces } from '../schema/index.ts';

export type Workspace = typeof workspaces.$inferSelect;
export type NewWorkspace = Pick<Workspace, 'id' | 'slug' | 'name'> & { createdAt?: Date };

/** The row a workspace is inserted as (no logo, no metadata; made now unless said). Shared with PostgreSQL. */
export const newWorkspaceRow = (workspace: NewWorkspace): Workspace => ({
  ...workspace,
  logo: null,
  metadata: null,
  createdAt: workspace.createdAt ?? new Date(),
});

export function createWorkspaceRepository(db: Db) {
  return {
    bySlug(slug: string): Workspace | undefined {
      return db.select().from(workspaces).where(eq(workspaces.slug, slug)).get();
    },
    byId(id: string): Workspace | undefined {
      return db.select().from(workspaces).where(eq(workspaces.id, id)).get();
    },
    /** Workspaces no owner belongs to, by slug: nobody can manage their members or ownership. */
    withoutOwner(): Pick<Workspace, 'id' | 'slug' | 'name'>[] {
      const owner = db
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.organizationId, workspaces.id), eq(members.role, 'owner')));
      return db
        .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
        .from(workspaces)
        .where(notExists(owner))
        .orderBy(workspaces.slug)
        .all();
    },
    /** Workspaces are usually made by better-auth's organization plugin; this is for seeds, tests and the CLI. */
    insert(workspace: NewWorkspace): Workspace {
      const row = newWorkspaceRow(workspace);
      db.insert(workspaces).values(row).run();
      return row;
    },
  };
}
