import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { workspaces } from '../schema/index.ts';

export type Workspace = typeof workspaces.$inferSelect;

export function createWorkspaceRepository(db: Db) {
  return {
    bySlug(slug: string): Workspace | undefined {
      return db.select().from(workspaces).where(eq(workspaces.slug, slug)).get();
    },
    insert(workspace: Workspace): Workspace {
      db.insert(workspaces).values(workspace).run();
      return workspace;
    },
  };
}
