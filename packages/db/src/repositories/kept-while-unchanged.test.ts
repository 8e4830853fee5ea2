import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeDb, createDb, type Db, migrateDb, readTx, writeTx } from '../client.ts';
import { ciKey, KEY_HASH as HASH, KEY_ID as KEY } from './api-keys.fixtures.ts';
import { createRepositories, type Repositories } from './index.ts';
import { keptWhileUnchanged } from './kept-while-unchanged.ts';

const WS = '00000000-0000-4000-8000-00000000000a';

let dir: string;
let db: Db;
let other: Db;
let reads: number;
let kept: ReturnType<typeof keptWhileUnchanged<{ name: string; tags: string[] }>>;
/** The workspace's name, through the cache; `reads` counts the reads that reached the database. */
const nameOf = () =>
  kept('ws', () => {
    reads++;
    const row = db.$client.prepare('SELECT name FROM workspaces WHERE id = ?').get(WS) as { name: string } | undefined;
    return row && { name: row.name, tags: ['a'] };
  })?.name;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kept-'));
  const file = join(dir, 'db.sqlite');
  db = createDb(file);
  migrateDb(db);
  other = createDb(file);
  createRepositories(db).workspaces.insert({ id: WS, slug: 'a', name: 'A' });
  reads = 0;
  kept = keptWhileUnchanged(db, 10);
});
afterEach(() => {
  closeDb(other);
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('kept while the database is unchanged', () => {
  test('a second call is answered from memory, frozen', () => {
    expect([nameOf(), nameOf(), nameOf()]).toEqual(['A', 'A', 'A']);
    expect(reads).toBe(1);
    const value = kept('ws', () => undefined)!;
    expect(Object.isFrozen(value) && Object.isFrozen(value.tags)).toBe(true);
  });

  test('a write on this connection, to any table, reads again', () => {
    nameOf();
    db.$client.prepare('UPDATE workspaces SET name = ? WHERE id = ?').run('B', WS);
    expect(nameOf()).toBe('B');
    db.$client.prepare("INSERT INTO instance_markers (key, value, recorded_at) VALUES ('x', '{}', '2026')").run();
    nameOf();
    expect(reads).toBe(3);
  });

  test("another connection's commit (another process, the CLI) is seen at once", () => {
    nameOf();
    other.$client.prepare('UPDATE workspaces SET name = ? WHERE id = ?').run('From elsewhere', WS);
    expect(nameOf()).toBe('From elsewhere');
    other.$client.prepare('DELETE FROM workspaces WHERE id = ?').run(WS);
    expect(nameOf()).toBeUndefined();
  });

  test('inside a transaction that has written nothing, a value is served and kept', () => {
    nameOf();
    expect(readTx(db, () => nameOf())).toBe('A');
    expect(reads).toBe(1);
    other.$client.prepare('UPDATE workspaces SET name = ? WHERE id = ?').run('From elsewhere', WS);
    expect(readTx(db, () => nameOf())).toBe('From elsewhere');
    expect(writeTx(db, () => nameOf())).toBe('From elsewhere');
    expect(nameOf()).toBe('From elsewhere');
    expect(reads).toBe(2);
  });

  test('inside a transaction that has written, a value is read each time and not kept; rolled back, it reads again', () => {
    nameOf();
    expect(() =>
      writeTx(db, () => {
        db.$client.prepare('UPDATE workspaces SET name = ? WHERE id = ?').run('Rolled back', WS);
        expect([nameOf(), nameOf()]).toEqual(['Rolled back', 'Rolled back']);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(reads).toBe(3);
    expect(nameOf()).toBe('A');
    expect(readTx(db, () => nameOf())).toBe('A');
    expect(reads).toBe(4);
  });

  test('nothing found is not kept, and the least recently read go first past the bound', () => {
    const two = keptWhileUnchanged<string>(db, 2);
    let loads = 0;
    const get = (key: string) =>
      two(key, () => {
        loads++;
        return key === 'none' ? undefined : key;
      });
    /** How many of these reads reached the database. */
    const loadsOf = (...keys: string[]) => {
      loads = 0;
      for (const key of keys) get(key);
      return loads;
    };
    expect(loadsOf('none', 'none')).toBe(2);
    get('a');
    get('b');
    get('a'); // a is now the most recently read
    get('c'); // b goes
    expect(loadsOf('a', 'c')).toBe(0);
    expect(loadsOf('b')).toBe(1);
    // Read again and again, the newest stays newest: the oldest goes.
    get('b');
    get('b');
    get('d'); // c goes
    expect(loadsOf('b', 'd')).toBe(0);
    expect(loadsOf('c')).toBe(1);
  });
});

describe("API keys' rows", () => {
  let repos: Repositories;
  beforeEach(() => {
    repos = createRepositories(db);
    writeTx(db, (tx) => repos.apiKeys.insert(tx, ciKey(WS)));
  });

  test('a revocation is seen by the next lookup, made here or by another process', () => {
    expect(repos.apiKeys.byHash(HASH)?.revoked_at).toBeNull();
    writeTx(db, (tx) => repos.apiKeys.revoke(tx, WS, KEY, '2026-01-02T00:00:00.000Z'));
    expect(repos.apiKeys.byHash(HASH)?.revoked_at).toBe('2026-01-02T00:00:00.000Z');

    const elsewhere = createRepositories(other);
    writeTx(other, (tx) => elsewhere.apiKeys.expireAt(tx, WS, KEY, '2026-01-03T00:00:00.000Z'));
    expect(repos.apiKeys.byHash(HASH)?.expires_at).toBe('2026-01-03T00:00:00.000Z');
  });

  test("a workspace deleted takes its keys with it (the cascade counts as this connection's write)", () => {
    expect(repos.apiKeys.byHash(HASH)).toBeDefined();
    db.$client.prepare('DELETE FROM workspaces WHERE id = ?').run(WS);
    expect(repos.apiKeys.byHash(HASH)).toBeUndefined();
  });
});
