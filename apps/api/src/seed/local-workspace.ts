import type { Db, Repositories, Workspace } from '@stageflow/db';
import type { Logger } from '../logger.ts';
import { seedDemoData } from './demo-data.ts';

const LOCAL = { slug: 'demo', name: 'Demo workspace' };

/**
 * Until accounts exist, the server acts in one workspace. On a new database it is created and
 * filled with demo data, so a first start shows a living product rather than an empty one.
 */
export async function ensureLocalWorkspace(db: Db, repos: Repositories, now: string, log: Logger): Promise<Workspace> {
  const existing = repos.workspaces.bySlug(LOCAL.slug);
  if (existing) return existing;
  const workspace = repos.workspaces.insert({ id: crypto.randomUUID(), ...LOCAL });
  await seedDemoData(db, repos, workspace.id, now);
  log.info({ workspace: workspace.slug }, 'new database: created the demo workspace and its demo data');
  return workspace;
}
