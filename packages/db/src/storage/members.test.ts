import { assignRole, type Role } from '@stageflow/domain';
import { postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeDb, createTestDb } from '../client.ts';
import { closePgDb, createPgDb, migratePgDb } from '../postgres/client.ts';
import { createPgReads, createPgStorage } from '../postgres/repositories.ts';
import { pgSchema } from '../postgres/schema.ts';
import type { Reads } from '../reads.ts';
import { createRepositories } from '../repositories/index.ts';
import * as schema from '../schema/index.ts';
import type { StoragePort } from './port.ts';
import { createSqliteStorage } from './sqlite.ts';

/**
 * The storage port's `members.setRole` on both engines (engine.ts): the domain's `assignRole` decides inside one
 * transaction, and what it decided is stored. On PostgreSQL, a role change waits for another change of the
 * workspace's owners and counts what that one left, so the last owner is never demoted twice at once.
 */
const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

interface OnEngine {
  readonly storage: StoragePort;
  readonly reads: Reads;
  addUser(id: string): Promise<void>;
  /** A raw connection beside the engine's (PostgreSQL only). */
  readonly url?: string;
  stop(): Promise<void>;
}

const user = (id: string) => {
  const at = new Date('2026-11-30T12:00:00.000Z');
  return { id, name: id, email: `${id}@example.test`, createdAt: at, updatedAt: at };
};

async function onSqlite(): Promise<OnEngine> {
  const db = createTestDb();
  const repos = createRepositories(db);
  return {
    storage: createSqliteStorage(db, repos),
    reads: repos,
    addUser: async (id) => void db.insert(schema.users).values(user(id)).run(),
    stop: async () => closeDb(db),
  };
}

async function onPostgres(): Promise<OnEngine> {
  const server: TestPostgres = await startPostgres();
  const db = createPgDb(server.url);
  await migratePgDb(db);
  return {
    storage: createPgStorage(db),
    reads: createPgReads(db),
    addUser: async (id) => void (await db.insert(pgSchema.users).values(user(id))),
    url: server.url,
    stop: async () => {
      await closePgDb(db);
      await server.stop();
    },
  };
}

const engines = [
  { engine: 'SQLite', start: onSqlite },
  ...(unavailable ? [] : [{ engine: 'PostgreSQL', start: onPostgres }]),
];

describe.each(engines)('members.setRole on $engine', ({ engine, start }) => {
  let on: OnEngine;
  beforeAll(async () => {
    on = await start();
  }, 60_000);
  afterAll(() => on?.stop());

  /** A new workspace with these members (by name: owner-1, admin-1, …), and one account that is none. */
  async function workspaceWith(...roles: Role[]) {
    const ws = crypto.randomUUID();
    await on.reads.workspaces.insert({ id: ws, slug: `ws-${ws.slice(0, 8)}`, name: 'Workspace' });
    const ids: string[] = [];
    for (const [i, role] of roles.entries()) {
      const id = `${ws}-${role}-${i}`;
      await on.addUser(id);
      await on.reads.members.add({ id: `m-${id}`, workspaceId: ws, userId: id, role });
      ids.push(id);
    }
    const outsider = `${ws}-outsider`;
    await on.addUser(outsider);
    const setRole = (userId: string, role: Role) =>
      on.storage.members.setRole(ws, userId, `m-${userId}`, (membership) => assignRole(membership, role));
    const roleOf = async (userId: string) => (await on.reads.members.roleOf(ws, userId)) ?? null;
    return { ws, ids, outsider, setRole, roleOf };
  }

  test('adds an account that is no member, changes a member, and stores nothing when the role is the same', async () => {
    const { ids, outsider, setRole, roleOf } = await workspaceWith('owner', 'reviewer');
    expect(await setRole(outsider, 'viewer')).toEqual({ outcome: 'added', role: 'viewer' });
    expect(await roleOf(outsider)).toBe('viewer');
    expect(await setRole(ids[1]!, 'admin')).toEqual({ outcome: 'changed', role: 'admin', was: 'reviewer' });
    expect(await setRole(ids[1]!, 'admin')).toEqual({ outcome: 'unchanged', role: 'admin' });
    expect(await roleOf(ids[1]!)).toBe('admin');
  });

  test('refuses to demote the only owner and stores nothing; with a second owner, it may', async () => {
    const { ws, ids, outsider, setRole, roleOf } = await workspaceWith('owner');
    expect(await setRole(ids[0]!, 'admin')).toEqual({ outcome: 'only_owner' });
    expect(await roleOf(ids[0]!)).toBe('owner');
    expect(await setRole(outsider, 'owner')).toEqual({ outcome: 'added', role: 'owner' });
    expect(await setRole(ids[0]!, 'admin')).toEqual({ outcome: 'changed', role: 'admin', was: 'owner' });
    expect(await on.reads.members.ownerCount(ws)).toBe(1);
    expect(await setRole(outsider, 'viewer')).toEqual({ outcome: 'only_owner' });
  });

  test.skipIf(engine !== 'PostgreSQL')(
    'a demotion waits for another change of the owners, then counts what it left',
    async () => {
      const { ws, ids, setRole, roleOf } = await workspaceWith('owner', 'owner');
      const [first, second] = ids as [string, string];
      // Another process demotes the first owner and has not committed yet.
      const other = new pg.Client({ connectionString: on.url });
      await other.connect();
      try {
        await other.query('begin');
        await other.query(`update members set role = 'admin' where user_id = $1`, [first]);
        const demoting = Promise.resolve(setRole(second, 'admin'));
        // The unit waits on the first owner's row; without that lock it would count two owners and demote too.
        const happened = await Promise.race([
          waitUntilBlocked(other).then(() => 'waits' as const),
          demoting.then(() => 'done without waiting' as const),
        ]);
        expect(happened).toBe('waits');
        await other.query('commit');
        expect(await demoting).toEqual({ outcome: 'only_owner' });
      } finally {
        await other.end();
      }
      expect([await roleOf(first), await roleOf(second)]).toEqual(['admin', 'owner']);
      expect(await on.reads.members.ownerCount(ws)).toBe(1);
    },
    30_000,
  );
});

/** Until some other backend of the database waits for a row lock (a unit blocked behind `client`'s transaction). */
async function waitUntilBlocked(client: pg.Client) {
  for (let i = 0; i < 400; i++) {
    // Inside a transaction the activity view is read once unless its snapshot is cleared.
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query(
      `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('No one waited for the lock');
}
