import type { Db, Repositories } from '@stageflow/db';
import { writeTx } from '@stageflow/db';
import { type IssueApiKey, newApiKey } from './auth/api-keys.ts';

/**
 * A real key stored straight into a test's database, synchronously (a fixture, not a command: the
 * API and the CLI issue keys through `application/api-keys.ts`).
 */
export function storeTestKey(db: Db, repos: Repositories, input: IssueApiKey) {
  const { key, row, summary } = newApiKey(input);
  writeTx(db, (tx) => repos.apiKeys.insert(tx, row));
  return { key, summary };
}
