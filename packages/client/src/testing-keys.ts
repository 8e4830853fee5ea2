import { randomUUID } from 'node:crypto';
import { createDb, createRepositories, createSqliteStorage } from '@stageflow/db';
import { issueApiKey } from '@stageflow/server';

/**
 * A real key with every scope, in a new workspace of a running server's database: issued the way the
 * operators' CLI issues one (hash and prefix stored, the key returned once).
 */
export async function createTestApiKey(databasePath: string): Promise<string> {
  const db = createDb(databasePath);
  try {
    const repos = createRepositories(db);
    const workspace = repos.workspaces.insert({ id: randomUUID(), slug: `client-${Date.now()}`, name: 'Client test' });
    const operator = {
      storage: createSqliteStorage(db, repos),
      workspaceId: workspace.id,
      actor: 'cli',
      now: () => new Date().toISOString(),
      newId: randomUUID,
    };
    const { key } = await issueApiKey(operator, { name: 'client test', scopes: ['all'] });
    return key;
  } finally {
    db.$client.close();
  }
}
