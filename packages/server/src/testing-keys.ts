import { randomUUID } from 'node:crypto';
import type { Db, Repositories } from '@stageflow/db';
import { writeTx } from '@stageflow/db';
import type { ApiKeyScopeChoice } from '@stageflow/domain';
import { newApiKey } from './auth/api-keys.ts';

/**
 * A real key stored straight into a test's database, synchronously (a fixture, not a command: the
 * API and the CLI issue keys through `application/api-keys.ts`). Every scope unless told otherwise,
 * made now by the CLI.
 */
export function storeTestKey(
  db: Db,
  repos: Repositories,
  workspaceId: string,
  { scopes = ['all'], now = new Date().toISOString() }: { scopes?: readonly ApiKeyScopeChoice[]; now?: string } = {},
) {
  const { key, row, summary } = newApiKey({
    id: randomUUID(),
    workspaceId,
    name: 'test',
    scopes,
    createdBy: 'cli',
    now,
  });
  writeTx(db, (tx) => repos.apiKeys.insert(tx, row));
  return { key, summary };
}
