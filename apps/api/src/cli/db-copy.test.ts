import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, createDb, type Db } from '@stageflow/db';
import { closePgDb, createPgDb, type PgDb } from '@stageflow/db/postgres';
import { createServer } from '@stageflow/server';
import { NOW, postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './cli.ts';

/**
 * `pnpm stageflow db copy --to postgres://…` (docs/architecture.md#postgresql): the demo data a new
 * database gets at its first start, copied into a real, throwaway PostgreSQL.
 */
const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

let dir: string;
let databasePath: string;
let server: TestPostgres;
let sqlite: Db;
let target: PgDb;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATABASE_PATH: databasePath, AUTH_SECRET: 'x'.repeat(32) };
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const sqliteRows = <R>(sql: string, ...params: unknown[]) => sqlite.$client.prepare(sql).all(...params) as R[];
const pgRows = async <R>(sql: string, params: unknown[] = []) => (await target.$client.query(sql, params)).rows as R[];

describe.skipIf(unavailable)('db copy', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stageflow-copy-'));
    databasePath = join(dir, 'stageflow.db');
    const demo = createServer({
      databasePath,
      publicUrl: 'http://localhost:3000',
      authSecret: 'x'.repeat(32),
      log: pino({ level: 'silent' }),
    });
    try {
      expect(await demo.seedDemo(NOW)).toBe(true);
    } finally {
      demo.close();
    }
    // Rows in tables the demo leaves empty: an API key (JSON scopes, nullable times) and a second account.
    expect((await cli('api-key', 'create', '--workspace', 'demo', '--name', 'CI', '--scopes', 'all')).code).toBe(0);
    const account = ['--email', 'ada@example.com', '--password', 'a long password', '--workspace', 'demo'];
    expect((await cli('user', 'create', ...account, '--role', 'reviewer')).code).toBe(0);
    server = await startPostgres();
    sqlite = createDb(databasePath);
    target = createPgDb(server.url);
  }, 120_000);
  afterAll(async () => {
    if (sqlite) closeDb(sqlite);
    if (target) await closePgDb(target);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('copies every row of the demo data; every table counts the same on both sides', async () => {
    const result = await cli('db', 'copy', '--to', server.url);
    expect(result.err).toBe('');
    expect(result).toMatchObject({ code: 0, out: expect.stringMatching(/every count matches\.$/) });
    const tables = sqliteRows<{ name: string }>(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    ).map((t) => t.name);
    expect(tables.length).toBeGreaterThan(30);
    for (const table of tables) {
      const [inSqlite] = sqliteRows<{ n: number }>(`select count(*) as n from ${table}`);
      const [inPg] = await pgRows<{ n: number }>(`select count(*)::int as n from ${table}`);
      expect(inPg!.n, table).toBe(inSqlite!.n);
      expect(result.out).toMatch(new RegExp(`\\b${table}\\s+${inSqlite!.n}\\b`));
    }
    // The demo data is not trivial: people, their events, the account.
    const [events] = sqliteRows<{ n: number }>('select count(*) as n from events');
    expect(events!.n).toBeGreaterThan(100);
  });

  test('keeps events in order with their numbers, and their payloads byte for byte', async () => {
    const inSqlite = sqliteRows<{ seq: number; type: string; data: string }>(
      'select seq, type, data from events order by seq',
    );
    // A bigint is read as a number (packages/db/src/postgres/client.ts), as SQLite answers it.
    const inPg = await pgRows<{ seq: number; type: string; data: string }>(
      'select seq, type, data::text as data from events order by seq',
    );
    expect(inPg).toEqual(inSqlite);
    expect(inSqlite.some((e) => e.data.length > 20)).toBe(true);
    // The log continues after the last copied number.
    const [next] = await pgRows<{ seq: number }>(
      `insert into events (workspace_id, type, actor, occurred_at, data)
       select workspace_id, 'copy.checked', 'system', '2026-01-01T00:00:00.000Z', '{}' from events limit 1 returning seq`,
    );
    expect(next!.seq).toBe(inSqlite.at(-1)!.seq + 1);
  });

  test('a participant, the account and its timestamps arrive unchanged', async () => {
    const [participant] = sqliteRows<Record<string, unknown>>(
      "select * from participants where metadata <> '{}' or tags <> '[]' order by rowid limit 1",
    );
    const [copied] = await pgRows<Record<string, unknown>>(
      `select id, workspace_id, evaluation_template_id, name, email, external_id, phone, tags::text, profile::text,
        background::text, metadata::text, status, current_stage_id, recommendation, version, created_at, updated_at
       from participants where id = $1`,
      [participant!.id],
    );
    expect(copied).toEqual(participant);

    const [user] = sqliteRows<{ id: string; email: string; email_verified: number; created_at: number }>(
      'select id, email, email_verified, created_at from users limit 1',
    );
    const [pgUser] = await pgRows<{ email: string; email_verified: boolean; created_at: Date }>(
      'select email, email_verified, created_at from users where id = $1',
      [user!.id],
    );
    expect(pgUser).toEqual({
      email: user!.email,
      email_verified: user!.email_verified === 1,
      created_at: new Date(user!.created_at),
    });
    expect(pgUser!.created_at.getTime()).toBe(user!.created_at);

    const [key] = sqliteRows<Record<string, unknown>>('select * from api_keys');
    const [pgKey] = await pgRows<Record<string, unknown>>(
      'select id, workspace_id, name, prefix, key_hash, scopes::text, created_by, created_at, last_used_at, revoked_at, expires_at from api_keys',
    );
    expect(key).toMatchObject({ name: 'CI', scopes: expect.stringMatching(/^\["/) });
    expect(pgKey).toEqual(key);
  });

  test('refuses a target that already holds data, and writes nothing to it', async () => {
    const [before] = await pgRows<{ n: number }>('select count(*)::int as n from participants');
    const again = await cli('db', 'copy', '--to', server.url);
    expect(again).toMatchObject({
      code: 1,
      err: expect.stringMatching(/not empty .*participants: \d+.*nothing was written/),
    });
    const [after] = await pgRows<{ n: number }>('select count(*)::int as n from participants');
    expect(after).toEqual(before);
  });

  test("refuses a target with tables that are not Stageflow's", async () => {
    const other = await server.newDatabase();
    const db = createPgDb(other);
    try {
      await db.$client.query('create table invoices (id int)');
      expect(await cli('db', 'copy', '--to', other)).toMatchObject({
        code: 1,
        err: expect.stringMatching(/tables Stageflow does not know \(invoices\)/),
      });
    } finally {
      await closePgDb(db);
    }
  });

  test('a value the target cannot take stops the copy, and nothing of it stays', async () => {
    // A damaged copy of the database: a boolean column holding 2.
    expect((await cli('db', 'backup', 'damaged.db')).code).toBe(0);
    const damaged = createDb(join(dir, 'damaged.db'));
    damaged.$client
      .prepare('update evaluation_stages set allow_retake = 2 where rowid = (select max(rowid) from evaluation_stages)')
      .run();
    closeDb(damaged);
    const other = await server.newDatabase();
    expect(await cli('db', 'copy', '--to', other, '--from', 'damaged.db')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/evaluation_stages\.allow_retake holds 2/),
    });
    const db = createPgDb(other);
    try {
      // Migrated, but not one row: the rows went in one transaction, rolled back whole.
      const counts = await db.$client.query<{ n: number }>(
        'select (select count(*) from workspaces) + (select count(*) from evaluation_templates) + (select count(*) from users) as n',
      );
      expect(Number(counts.rows[0]!.n)).toBe(0);
    } finally {
      await closePgDb(db);
    }
  });

  test('a backup from before the newest migration is copied from a migrated snapshot, and left as it was', async () => {
    expect((await cli('db', 'backup', 'older.db')).code).toBe(0);
    const older = createDb(join(dir, 'older.db'));
    // As the file was before the newest migration (the facts the rule simulation replays, kept with each result).
    older.$client.exec(`drop index sessions_workspace_stage_replay_idx;
      alter table sessions drop column result_scoring_method;
      alter table sessions drop column result_below_min;
      alter table sessions drop column result_needs_review;
      delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations);`);
    const shape = () =>
      older.$client.prepare("select count(*) as n from pragma_table_info('sessions')").get() as { n: number };
    const before = shape();
    const other = await server.newDatabase();
    const copied = await cli('db', 'copy', '--to', other, '--from', 'older.db');
    expect(copied.err).toBe('');
    expect(copied.code).toBe(0);
    expect(shape()).toEqual(before);
    closeDb(older);
  });

  test('asks for a PostgreSQL URL and a Stageflow database to copy', async () => {
    expect(await cli('db', 'copy')).toMatchObject({ code: 2, err: expect.stringMatching(/--to is required/) });
    expect(await cli('db', 'copy', '--to', 'mysql://x')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/PostgreSQL URL/),
    });
    const other = await server.newDatabase();
    expect(await cli('db', 'copy', '--to', other, '--from', 'missing.db')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/missing\.db cannot be opened/),
    });
  });
});
