import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, createDb, createRepositories, migrateDb, schema } from '@stageflow/db';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createServer } from './server.ts';

let dir: string;
let databasePath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stageflow-start-'));
  databasePath = join(dir, 'stageflow.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a server on the database file and returns what it logged at warn level and above. */
async function startAndLog() {
  const lines: { level: number; msg: string; workspace?: string; fix?: string }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const server = createServer({ databasePath, publicUrl: 'http://localhost:3000', authSecret: 'x'.repeat(32), log });
  // The checks read as either engine answers, so they log once their reads are answered.
  await new Promise((resolve) => setImmediate(resolve));
  server.close();
  return lines.filter((l) => l.level >= 40);
}

test('a start names each workspace without an owner, with the CLI command that fixes it, and starts anyway', async () => {
  const db = createDb(databasePath);
  migrateDb(db);
  const repos = createRepositories(db);
  const at = new Date();
  db.insert(schema.users)
    .values({ id: 'u1', name: 'Ada', email: 'ada@example.com', createdAt: at, updatedAt: at })
    .run();
  // As `pnpm stageflow workspace create` leaves one; another with an admin but no owner; a third that is fine.
  repos.workspaces.insert({ id: 'w1', slug: 'acme-hiring', name: 'Acme Hiring' });
  repos.workspaces.insert({ id: 'w2', slug: 'beta', name: 'Beta' });
  repos.members.add({ id: 'm2', workspaceId: 'w2', userId: 'u1', role: 'admin' });
  repos.workspaces.insert({ id: 'w3', slug: 'owned', name: 'Owned' });
  repos.members.add({ id: 'm3', workspaceId: 'w3', userId: 'u1', role: 'owner' });
  closeDb(db);

  const warnings = await startAndLog();
  expect(warnings.map((w) => [w.level, w.workspace, w.fix])).toEqual([
    [40, 'acme-hiring', 'pnpm stageflow member set-role --workspace acme-hiring --email <their email> --role owner'],
    [40, 'beta', 'pnpm stageflow member set-role --workspace beta --email <their email> --role owner'],
  ]);
  expect(warnings[0]!.msg).toBe(
    'workspace "acme-hiring" has no owner, so nobody can manage its members and ownership. ' +
      'Make an account its owner: pnpm stageflow member set-role --workspace acme-hiring --email <their email> --role owner ' +
      '(or a new account: pnpm stageflow user create --email <email> --workspace acme-hiring --role owner)',
  );
});

test('a new database starts without a warning', async () => {
  expect(await startAndLog()).toEqual([]);
});
