import type { Db, Repositories } from '@stageflow/db';
import type { Auth } from '../auth/better-auth.ts';
import type { Logger } from '../logger.ts';
import { seedDemoData } from './demo-data.ts';

/** Printed at start and in the README: a new database can be explored at once. */
export const DEMO_ACCOUNT = { email: 'demo@stageflow.dev', password: 'stageflow-demo', name: 'Dana Demo' } as const;
const DEMO_WORKSPACE = { slug: 'demo', name: 'Demo workspace' };

/**
 * On a new database: a demo owner, the demo workspace, and demo data entered through the same
 * procedures a user calls. Does nothing once the demo workspace exists (or was renamed away).
 */
export async function ensureDemoWorkspace(deps: { db: Db; repos: Repositories; auth: Auth; log: Logger }, now: string) {
  const { db, repos, auth, log } = deps;
  if (repos.workspaces.bySlug(DEMO_WORKSPACE.slug)) return false;
  const { user } = await auth.api.signUpEmail({ body: { ...DEMO_ACCOUNT } });
  const workspace = repos.workspaces.insert({ id: crypto.randomUUID(), ...DEMO_WORKSPACE });
  repos.members.add({ id: crypto.randomUUID(), workspaceId: workspace.id, userId: user.id, role: 'owner' });
  await seedDemoData(db, repos, { kind: 'user', userId: user.id, workspaceId: workspace.id, role: 'owner' }, now);
  log.info({ workspace: workspace.slug }, 'new database: created the demo account, workspace and data');
  return true;
}
