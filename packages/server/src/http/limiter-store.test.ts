import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, createDb, migrateDb, sweepRateLimits } from '@stageflow/db';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterEach, describe, expect, test } from 'vitest';
import { databaseLimiters } from './limiter-store.ts';

/** Two connections to one database file: what two server processes hold. */
const dirs: string[] = [];
function twoConnections() {
  const dir = mkdtempSync(join(tmpdir(), 'stageflow-limits-'));
  dirs.push(dir);
  const first = createDb(join(dir, 'stageflow.db'));
  migrateDb(first);
  return [first, createDb(join(dir, 'stageflow.db'))] as const;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('counters in the database (docs/decisions/035-shared-state-in-the-database.md)', () => {
  test('two connections count into one window: the calls past the limit are refused on either', async () => {
    const [a, b] = twoConnections();
    const spec = { keyPrefix: 'api_key', points: 3, duration: 60 };
    const [onA, onB] = [databaseLimiters(a)(spec), databaseLimiters(b)(spec)];
    expect((await onA.consume('k')).remainingPoints).toBe(2);
    expect((await onB.consume('k')).remainingPoints).toBe(1);
    expect((await onA.consume('k', 1)).remainingPoints).toBe(0);
    for (const limiter of [onA, onB]) {
      const refused = await limiter.consume('k').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RateLimiterRes);
      expect((refused as RateLimiterRes).msBeforeNext).toBeGreaterThan(55_000);
    }
    // Another key, and the same key under another limiter's prefix, count apart.
    expect((await onB.consume('other')).remainingPoints).toBe(2);
    expect((await databaseLimiters(b)({ ...spec, keyPrefix: 'portal_token' }).consume('k')).remainingPoints).toBe(2);
    closeDb(b);
    closeDb(a);
  });

  test('reward, penalty, block, get and delete act on the shared row', async () => {
    const [a, b] = twoConnections();
    const spec = { keyPrefix: 'sign_in_delay', points: 1, duration: 900 };
    const [onA, onB] = [databaseLimiters(a)(spec), databaseLimiters(b)(spec)];
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
    closeDb(b);
    closeDb(a);
  });

  test('the sweep forgets only windows long over', async () => {
    const [a] = twoConnections();
    const now = Date.now();
    a.$client.prepare('insert into rate_limits (key, points, expire) values (?, 1, ?)').run('old', now - 7_200_000);
    a.$client.prepare('insert into rate_limits (key, points, expire) values (?, 1, ?)').run('live', now + 60_000);
    expect(sweepRateLimits(a, now - 3_600_000)).toBe(1);
    expect(a.$client.prepare('select key from rate_limits').pluck().all()).toEqual(['live']);
    closeDb(a);
  });
});
