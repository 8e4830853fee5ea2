import { closePgDb, createPgDb, migratePgDb, type PgDb, sweepPgRateLimits } from '@stageflow/db/postgres';
import { postgresUnavailable, startPostgres, type TestPostgres } from '@stageflow/testing';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { postgresLimiters } from './limiter-store-postgres.ts';

const MINUTE = 60_000;

describe.skipIf(postgresUnavailable())(
  'counters in PostgreSQL (docs/decisions/035-shared-state-in-the-database.md)',
  () => {
    let server: TestPostgres;
    const pools: PgDb[] = [];

    /** Two pools on one fresh, migrated database: what two server processes hold. */
    async function twoPools(): Promise<readonly [PgDb, PgDb]> {
      const url = await server.newDatabase();
      const [a, b] = [createPgDb(url), createPgDb(url)];
      pools.push(a, b);
      await migratePgDb(a);
      return [a, b];
    }
    const rows = async (db: PgDb) =>
      (await db.$client.query<{ key: string; points: number }>('select key, points from rate_limits order by key'))
        .rows;
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (e: unknown) => e,
      );

    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterEach(async () => {
      vi.useRealTimers();
      for (const db of pools.splice(0)) await closePgDb(db);
    });
    afterAll(() => server?.stop());

    test('two pools count into one window: the calls past the limit are refused on either', async () => {
      const [a, b] = await twoPools();
      const spec = { keyPrefix: 'api_key', points: 3, duration: 60 };
      const [onA, onB] = [postgresLimiters(a)(spec), postgresLimiters(b)(spec)];
      const first = await onA.consume('k');
      // Read back as numbers, as the store compares them (the twin's points are a bigint).
      expect(first).toMatchObject({ consumedPoints: 1, remainingPoints: 2, isFirstInDuration: true });
      expect((await onB.consume('k')).remainingPoints).toBe(1);
      expect((await onA.consume('k')).remainingPoints).toBe(0);
      for (const limiter of [onA, onB]) {
        const refused = await refusal(limiter.consume('k'));
        expect(refused).toBeInstanceOf(RateLimiterRes);
        expect((refused as RateLimiterRes).msBeforeNext).toBeGreaterThan(55_000);
      }
      // Another key, and the same key under another limiter's prefix, count apart.
      expect((await onB.consume('other')).remainingPoints).toBe(2);
      expect((await postgresLimiters(b)({ ...spec, keyPrefix: 'portal_token' }).consume('k')).remainingPoints).toBe(2);
      expect(await rows(a)).toEqual([
        { key: 'api_key:k', points: 5 },
        { key: 'api_key:other', points: 1 },
        { key: 'portal_token:k', points: 1 },
      ]);
    });

    test('calls at once on two pools: exactly the limit gets through', async () => {
      const [a, b] = await twoPools();
      const spec = { keyPrefix: 'portal_address', points: 5, duration: 60 };
      const [onA, onB] = [postgresLimiters(a)(spec), postgresLimiters(b)(spec)];
      const settled = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => (i % 2 ? onA : onB).consume('ip')));
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(5);
      expect(settled.filter((s) => s.status === 'rejected').every((s) => s.reason instanceof RateLimiterRes)).toBe(
        true,
      );
    });

    test('reward, penalty, block, get and delete act on the shared row', async () => {
      const [a, b] = await twoPools();
      const spec = { keyPrefix: 'sign_in_delay', points: 1, duration: 900 };
      const [onA, onB] = [postgresLimiters(a)(spec), postgresLimiters(b)(spec)];
      await onA.penalty('pair', 2);
      expect((await onB.get('pair'))?.consumedPoints).toBe(2);
      await onB.reward('pair', 1);
      expect((await onA.get('pair'))?.consumedPoints).toBe(1);
      await onA.block('pair', 8);
      const blocked = await onB.get('pair');
      expect(blocked?.consumedPoints).toBe(2);
      expect(blocked?.msBeforeNext).toBeLessThanOrEqual(8_000);
      expect(await onB.delete('pair')).toBe(true);
      expect(await onA.get('pair')).toBeNull();
    });

    test('a window over counts afresh', async () => {
      const [a, b] = await twoPools();
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      const spec = { keyPrefix: 'api_key', points: 2, duration: 60 };
      const [onA, onB] = [postgresLimiters(a)(spec), postgresLimiters(b)(spec)];
      await onA.consume('k', 2);
      expect(await refusal(onB.consume('k'))).toBeInstanceOf(RateLimiterRes);
      vi.setSystemTime(start + 59_000);
      expect(await refusal(onA.consume('k'))).toBeInstanceOf(RateLimiterRes);
      vi.setSystemTime(start + MINUTE + 1);
      expect(await onB.get('k')).toBeNull();
      expect(await onB.consume('k')).toMatchObject({ consumedPoints: 1, remainingPoints: 1, isFirstInDuration: true });
      expect((await onA.consume('k')).remainingPoints).toBe(0);
    });

    test('the sweep forgets only windows long over; a count sweeps now and then', async () => {
      const [a, b] = await twoPools();
      vi.useFakeTimers({ toFake: ['Date'] });
      const now = Date.now();
      const insert = 'insert into rate_limits (key, points, expire) values ($1, 1, $2)';
      await a.$client.query(insert, ['old', now - 2 * 60 * MINUTE]);
      await a.$client.query(insert, ['live', now + MINUTE]);
      await a.$client.query(insert, ['forever', null]);
      expect(await sweepPgRateLimits(a, now - 60 * MINUTE)).toBe(1);
      expect((await rows(b)).map((r) => r.key)).toEqual(['forever', 'live']);

      await a.$client.query(insert, ['old', now - 2 * 60 * MINUTE]);
      const onB = postgresLimiters(b)({ keyPrefix: 'api_key', points: 10, duration: 60 });
      await onB.consume('k');
      // Within minutes of the store's start, a count does not sweep.
      expect((await rows(a)).map((r) => r.key)).toEqual(['api_key:k', 'forever', 'live', 'old']);
      vi.setSystemTime(now + 6 * MINUTE);
      await onB.consume('k');
      expect((await rows(a)).map((r) => r.key)).toEqual(['api_key:k', 'forever', 'live']);
    });
  },
);
