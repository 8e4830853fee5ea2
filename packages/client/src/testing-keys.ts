import { randomUUID } from 'node:crypto';
import { createDb, createRepositories, writeTx } from '@stageflow/db';
import { issueApiKey } from '@stageflow/server';

/**
 * A real key with every scope, in a new workspace of a running server's database: made the way the
 * server makes them (hash and prefix stored, the key returned once), through the repositories.
 */
export function createTestApiKey(databasePath: string): string {
  const db = createDb(databasePath);
  try {
    const repos = createRepositories(db);
    const workspace = repos.workspaces.insert({ id: randomUUID(), slug: `client-${Date.now()}`, name: 'Client test' });
    const { key } = writeTx(db, (tx) =>
      issueApiKey(tx, repos, {
        id: randomUUID(),
        workspaceId: workspace.id,
        name: 'client test',
        scopes: ['all'],
        createdBy: 'cli',
        now: new Date().toISOString(),
      }),
    );
    return key;
  } finally {
    db.$client.close();
  }
}
