import { postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import { createTestDb, type Db } from '../client.ts';
import * as sqliteSchema from '../schema/index.ts';
import { closePgDb, createPgDb, migratePgDb } from './client.ts';
import * as pgSchemaModule from './schema.ts';

/**
 * The PostgreSQL schema is derived from the SQLite one (twin.ts); these tests hold the two migrated
 * databases side by side, on a real PostgreSQL server, so a mapping gap or a hand edit shows up.
 */
test('every SQLite table is exported by name for drizzle-kit', () => {
  const tables = Object.entries(sqliteSchema)
    .filter(([, value]) => value instanceof SQLiteTable)
    .map(([key]) => key);
  const exported = Object.keys(pgSchemaModule).filter((k) => k !== 'pgSchema');
  expect(exported.sort()).toEqual(tables.sort());
});

test('a twin reads and writes the same TypeScript values as its SQLite table', () => {
  const { pgSchema } = pgSchemaModule;
  expectTypeOf<typeof pgSchema.participants.$inferSelect>().toEqualTypeOf<
    typeof sqliteSchema.participants.$inferSelect
  >();
  expectTypeOf<typeof pgSchema.events.$inferInsert>().toEqualTypeOf<typeof sqliteSchema.events.$inferInsert>();
  expectTypeOf<typeof pgSchema.users.$inferSelect>().toEqualTypeOf<typeof sqliteSchema.users.$inferSelect>();
});

const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable)('the migrated PostgreSQL database', () => {
  let server: TestPostgres;
  let client: pg.Client;
  let sqlite: Db;
  const q = async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await client.query<R>(sql, params)).rows;

  beforeAll(async () => {
    server = await startPostgres();
    const db = createPgDb(server.url);
    await migratePgDb(db).finally(() => closePgDb(db));
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
    sqlite = createTestDb();
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    sqlite?.$client.close();
    await server?.stop();
  });

  const sqliteAll = <R>(sql: string) => sqlite.$client.prepare(sql).all() as R[];
  const sqliteTables = () =>
    sqliteAll<{ name: string }>(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
    ).map((t) => t.name);

  test('has the same tables, columns and nullability as SQLite', async () => {
    const tables = sqliteTables();
    const pgTables = await q<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    expect(pgTables.map((t) => t.table_name)).toEqual(tables);
    for (const table of tables) {
      const sqliteColumns = sqliteAll<{ name: string; notnull: number; pk: number }>(`pragma table_info(${table})`).map(
        (c) => `${c.name} ${c.notnull || c.pk ? 'not null' : 'null'}`,
      );
      const pgColumns = (
        await q<{ column_name: string; is_nullable: string }>(
          "select column_name, is_nullable from information_schema.columns where table_schema = 'public' and table_name = $1",
          [table],
        )
      ).map((c) => `${c.column_name} ${c.is_nullable === 'NO' ? 'not null' : 'null'}`);
      expect(pgColumns.sort(), table).toEqual(sqliteColumns.sort());
    }
  });

  test('has the same primary keys, indexes (unique or not, partial or not) and foreign keys', async () => {
    const sqliteKeys: string[] = [];
    const sqliteIndexes: string[] = [];
    const sqliteForeign: string[] = [];
    for (const table of sqliteTables()) {
      const pk = sqliteAll<{ name: string; pk: number }>(`pragma table_info(${table})`)
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      sqliteKeys.push(`${table}(${pk.join(',')})`);
      for (const i of sqliteAll<{ name: string; unique: number; origin: string; partial: number }>(
        `pragma index_list(${table})`,
      )) {
        if (i.origin === 'pk') continue;
        const columns = sqliteAll<{ name: string }>(`pragma index_info(${i.name})`).map((c) => c.name);
        sqliteIndexes.push(
          `${i.name} on ${table}(${columns.join(',')})${i.unique ? ' unique' : ''}${i.partial ? ' partial' : ''}`,
        );
      }
      const byId = new Map<number, { table: string; from: string[]; to: string[]; on_delete: string }>();
      for (const f of sqliteAll<{ id: number; table: string; from: string; to: string; on_delete: string }>(
        `pragma foreign_key_list(${table})`,
      )) {
        const fk = byId.get(f.id) ?? { table: f.table, from: [], to: [], on_delete: f.on_delete };
        fk.from.push(f.from);
        fk.to.push(f.to);
        byId.set(f.id, fk);
      }
      for (const fk of byId.values()) {
        sqliteForeign.push(
          `${table}(${fk.from.join(',')}) -> ${fk.table}(${fk.to.join(',')}) on delete ${fk.on_delete.toLowerCase()}`,
        );
      }
    }

    const pgKeys = await q<{ key: string }>(`
      select c.relname || '(' || string_agg(a.attname, ',' order by k.ord) || ')' as key
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      cross join unnest(i.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where n.nspname = 'public' and i.indisprimary and c.relname <> '__drizzle_migrations'
      group by c.relname`);
    const pgIndexes = await q<{ index: string }>(`
      select x.relname || ' on ' || c.relname || '(' || string_agg(a.attname, ',' order by k.ord) || ')'
        || case when i.indisunique then ' unique' else '' end
        || case when i.indpred is not null then ' partial' else '' end as index
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_class x on x.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      cross join unnest(i.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where n.nspname = 'public' and not i.indisprimary
      group by x.relname, c.relname, i.indisunique, i.indpred`);
    const pgForeign = await q<{ fk: string }>(`
      select c.relname || '(' || (select string_agg(a.attname, ',' order by k.ord) from unnest(f.conkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum) || ') -> '
        || r.relname || '(' || (select string_agg(a.attname, ',' order by k.ord) from unnest(f.confkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.attnum) || ') on delete '
        || case f.confdeltype when 'c' then 'cascade' when 'a' then 'no action' when 'r' then 'restrict'
             when 'n' then 'set null' when 'd' then 'set default' end as fk
      from pg_constraint f join pg_class c on c.oid = f.conrelid join pg_class r on r.oid = f.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where f.contype = 'f' and n.nspname = 'public'`);

    // Guards against a comparison of two empty lists.
    expect([sqliteKeys.length, sqliteIndexes.length, sqliteForeign.length]).toEqual([
      36,
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(Math.min(sqliteIndexes.length, sqliteForeign.length)).toBeGreaterThan(30);
    expect(pgKeys.map((k) => k.key).sort()).toEqual(sqliteKeys.filter((k) => !k.endsWith('()')).sort());
    expect(pgIndexes.map((i) => i.index).sort()).toEqual(sqliteIndexes.sort());
    expect(pgForeign.map((f) => f.fk).sort()).toEqual(sqliteForeign.sort());
  });

  test('maps the types so rows copy unchanged', async () => {
    const types = Object.fromEntries(
      (
        await q<{ name: string; type: string }>(
          "select table_name || '.' || column_name as name, data_type as type from information_schema.columns where table_schema = 'public'",
        )
      ).map((c) => [c.name, c.type]),
    );
    expect(types).toMatchObject({
      'events.seq': 'bigint',
      'events.data': 'json',
      'events.occurred_at': 'text',
      'users.email_verified': 'boolean',
      'users.created_at': 'timestamp with time zone',
      'evaluation_stages.pass_threshold': 'double precision',
      'participants.version': 'bigint',
      'rate_limits.expire': 'bigint',
      'auth_rate_limits.last_request': 'bigint',
    });
  });

  test('refuses to change or remove an event, whichever way it is asked', async () => {
    await q(`insert into workspaces (id, slug, name, created_at) values ('w1', 'w1', 'W', now())`);
    const [event] = await q<{ seq: number }>(
      `insert into events (workspace_id, type, actor, occurred_at, data)
       values ('w1', 'participant.created', 'system', '2026-01-01T00:00:00.000Z', '{"a":1}') returning seq`,
    );
    const appendOnly = /events are append-only/;
    await expect(q(`update events set type = 'x' where seq = $1`, [event!.seq])).rejects.toThrow(appendOnly);
    await expect(q(`delete from events where seq = $1`, [event!.seq])).rejects.toThrow(appendOnly);
    await expect(q('truncate events')).rejects.toThrow(appendOnly);
    await expect(
      q(
        `insert into events (seq, workspace_id, type, actor, occurred_at, data) values ($1, 'w1', 't', 'system', 'x', '{}')
         on conflict (seq) do update set type = 'replaced'`,
        [event!.seq],
      ),
    ).rejects.toThrow(appendOnly);
    await expect(
      q(
        `insert into events (seq, workspace_id, type, actor, occurred_at, data) values ($1, 'w1', 't', 'system', 'x', '{}')`,
        [event!.seq],
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await q('select type, data from events')).toEqual([{ type: 'participant.created', data: { a: 1 } }]);
  });
});
