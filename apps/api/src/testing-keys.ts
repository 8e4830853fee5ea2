import { randomUUID } from 'node:crypto';
import { createDb, createRepositories, createSqliteStorage } from '@stageflow/db';
import { issueApiKey } from '@stageflow/server';

/**
 * For tests that run real server processes: a key with every scope in a new workspace of the database file
 * they serve, issued as the CLI issues one (straight into the file, beside the running servers).
 */
export async function apiKeyIn(databasePath: string, name: string): Promise<string> {
  const db = createDb(databasePath);
  try {
    const repos = createRepositories(db);
    const workspace = repos.workspaces.insert({ id: randomUUID(), slug: `${name}-${Date.now()}`, name });
    const { key } = await issueApiKey(
      {
        storage: createSqliteStorage(db, repos),
        workspaceId: workspace.id,
        actor: 'cli',
        now: () => new Date().toISOString(),
        newId: randomUUID,
      },
      { name: `${name} test`, scopes: ['all'] },
    );
    return key;
  } finally {
    db.$client.close();
  }
}
