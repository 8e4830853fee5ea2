import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { postgresUnavailable, startPostgres } from './postgres.ts';

const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable)('startPostgres', () => {
  test('serves empty databases of its own, and is gone after stop', async () => {
    const server = await startPostgres();
    const query = async (url: string, sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    try {
      expect(server.url).toMatch(/^postgres:\/\//);
      expect(await query(server.url, 'select count(*)::int as n from pg_tables where schemaname = $$public$$')).toEqual(
        [{ n: 0 }],
      );
      await query(server.url, 'create table t (x int)');
      const other = await server.newDatabase();
      expect(other).not.toBe(server.url);
      // A second database starts empty: nothing made in the first shows up in it.
      expect(await query(other, 'select count(*)::int as n from pg_tables where schemaname = $$public$$')).toEqual([
        { n: 0 },
      ]);
      // A copy of a template holds what the template held; a dropped database is gone.
      const copy = await server.newDatabase({ template: server.url });
      expect(await query(copy, 'select tablename from pg_tables where schemaname = $$public$$')).toEqual([
        { tablename: 't' },
      ]);
      await server.dropDatabase(copy);
      await expect(query(copy, 'select 1')).rejects.toThrow(/does not exist/);
    } finally {
      await server.stop();
    }
    await expect(query(server.url, 'select 1')).rejects.toThrow();
  });
});
