import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { closeDb, createDb, migrateDb } from './client.ts';
import { backupDatabaseFile, databaseFileProblem, migrationCount } from './files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stageflow-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function migrated(name: string) {
  const db = createDb(join(dir, name));
  migrateDb(db);
  return db;
}

test('a migrated database is a Stageflow database, and so is its backup', async () => {
  const db = migrated('live.db');
  expect(databaseFileProblem(join(dir, 'live.db'))).toBeNull();
  await backupDatabaseFile(join(dir, 'live.db'), join(dir, 'copy.db'));
  closeDb(db);
  expect(databaseFileProblem(join(dir, 'copy.db'))).toBeNull();
});

test('other files are not', () => {
  writeFileSync(join(dir, 'text.db'), 'hello'.repeat(200));
  expect(databaseFileProblem(join(dir, 'text.db'))).toMatch(/not a Stageflow database|cannot be opened/);
  expect(databaseFileProblem(join(dir, 'none.db'))).toMatch(/cannot be opened/);
  const empty = createDb(join(dir, 'empty.db'));
  closeDb(empty);
  expect(databaseFileProblem(join(dir, 'empty.db'))).toMatch(/not a Stageflow database/);
});

test('a database from a newer Stageflow (more migrations than this version has) is refused', () => {
  const db = migrated('newer.db');
  db.$client.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('future', Date.now());
  closeDb(db);
  expect(databaseFileProblem(join(dir, 'newer.db'))).toMatch(
    new RegExp(`newer Stageflow \\(${migrationCount() + 1} migrations; this version has ${migrationCount()}\\)`),
  );
});
