import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { defaultMigrationsFolder } from './client.ts';

/**
 * A consistent copy of a database file through SQLite's online backup: safe while a server is
 * writing to it (the copy is one moment's state, write-ahead log included). The copy is one
 * self-contained file (rollback journal, no `-wal` beside it); the server turns WAL back on.
 */
export async function backupDatabaseFile(source: string, target: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** How many migrations this version of Stageflow has. */
export function migrationCount(migrationsFolder = defaultMigrationsFolder): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * Why a file cannot serve as this version's database (not SQLite, not Stageflow's, damaged, or
 * from a newer version), or null when it can. Opens it read-only: the file is not changed.
 */
export function databaseFileProblem(file: string): string | null {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return `${file} cannot be opened: ${(error as Error).message}`;
  }
  try {
    const tables = new Set(
      (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!tables.has('__drizzle_migrations') || !tables.has('workspaces')) return `${file} is not a Stageflow database`;
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return `${file} is damaged (quick_check: ${String(check)})`;
    const applied = (db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    const known = migrationCount();
    if (applied > known) {
      return `${file} comes from a newer Stageflow (${applied} migrations; this version has ${known}): update Stageflow first`;
    }
    return null;
  } catch (error) {
    return `${file} is not a Stageflow database (${(error as Error).message})`;
  } finally {
    db.close();
  }
}
