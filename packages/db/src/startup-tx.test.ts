import { expect, test } from 'vitest';
import { createTestDb, startupTx, writeTx } from './client.ts';
import { createRepositories } from './repositories/index.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

test('asynchronous start-up work commits whole, writeTx inside included', async () => {
  const db = createTestDb();
  const repos = createRepositories(db);
  await startupTx(db, async () => {
    repos.workspaces.insert({ id: 'w1', slug: 'one', name: 'One' });
    await tick();
    writeTx(db, () => repos.workspaces.insert({ id: 'w2', slug: 'two', name: 'Two' }));
  });
  expect(db.$client.inTransaction).toBe(false);
  expect([repos.workspaces.byId('w1')?.slug, repos.workspaces.byId('w2')?.slug]).toEqual(['one', 'two']);
});

test('a throw after an await rolls back everything, committed savepoints too', async () => {
  const db = createTestDb();
  const repos = createRepositories(db);
  const failing = startupTx(db, async () => {
    writeTx(db, () => repos.workspaces.insert({ id: 'w1', slug: 'one', name: 'One' }));
    await tick();
    throw new Error('seeding broke');
  });
  await expect(failing).rejects.toThrow('seeding broke');
  expect(db.$client.inTransaction).toBe(false);
  expect(repos.instance.isNew()).toBe(true);
});

test('refuses to start inside another transaction', async () => {
  const db = createTestDb();
  db.$client.exec('BEGIN');
  await expect(startupTx(db, async () => {})).rejects.toThrow(/already open/);
  db.$client.exec('ROLLBACK');
});
