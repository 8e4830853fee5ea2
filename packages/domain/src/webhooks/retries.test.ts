import { describe, expect, it } from 'vitest';
import { afterAttempt, retryAfterMs, retryDelayMs, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from './retries.ts';

const NOW = '2026-03-02T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
const failed = (status: number | null, more: Partial<Parameters<typeof afterAttempt>[0]> = {}) =>
  afterAttempt({
    answer: { status, retry_after: null },
    attemptsMade: 1,
    failingSince: null,
    now: NOW,
    random: 0.5,
    ...more,
  });

describe('the retry schedule', () => {
  it('is the specification’s: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h after the immediate first attempt', () => {
    expect(WEBHOOK_RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([
      5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400,
    ]);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(10);
    expect(retryDelayMs(10, 0.5)).toBeNull();
    expect(retryDelayMs(0, 0.5)).toBeNull();
  });

  it('moves each wait by at most 10% either way', () => {
    expect(retryDelayMs(1, 0.5)).toBe(5000);
    expect(retryDelayMs(1, 0)).toBe(4500);
    expect(retryDelayMs(1, 0.999_999)).toBe(5500);
    expect(retryDelayMs(9, 0)).toBe(0.9 * 86_400_000);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, caps at 24 hours, and ignores what it cannot read', () => {
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs(new Date(Date.parse(NOW) + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 08:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('999999', NOW)).toBe(86_400_000);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(null, NOW)).toBeNull();
  });
});

describe('afterAttempt', () => {
  it('2xx succeeds and ends a failure streak', () => {
    expect(failed(204, { failingSince: at(-1000) })).toEqual({
      delivery: { status: 'succeeded' },
      endpoint: { failing_since: null, disable: null },
    });
  });

  it('any other answer, a redirect included, is retried on the schedule and starts a failure streak', () => {
    for (const status of [500, 404, 302, null]) {
      expect(failed(status)).toEqual({
        delivery: { status: 'pending', next_attempt_at: at(5000) },
        endpoint: { failing_since: NOW, disable: null },
      });
    }
  });

  it('429 and 503 come back when Retry-After says; other statuses keep to the schedule', () => {
    const answer = (status: number) => ({ status, retry_after: '2' });
    expect(failed(429, { answer: answer(429), attemptsMade: 3 }).delivery).toEqual({
      status: 'pending',
      next_attempt_at: at(2000),
    });
    expect(failed(503, { answer: answer(503) }).delivery).toMatchObject({ next_attempt_at: at(2000) });
    expect(failed(500, { answer: answer(500) }).delivery).toMatchObject({ next_attempt_at: at(5000) });
  });

  it('the tenth failure gives the delivery up; the endpoint stays on', () => {
    expect(failed(500, { attemptsMade: 10, failingSince: at(-3 * 86_400_000) })).toEqual({
      delivery: { status: 'failed', reason: 'attempts_exhausted' },
      endpoint: { failing_since: at(-3 * 86_400_000), disable: null },
    });
  });

  it('410 Gone disables the endpoint at once', () => {
    expect(failed(410)).toEqual({
      delivery: { status: 'failed', reason: 'endpoint_gone' },
      endpoint: { failing_since: NOW, disable: 'gone' },
    });
  });

  it('a failure after 5 days of failures disables the endpoint', () => {
    const fiveDays = 5 * 86_400_000;
    expect(failed(500, { failingSince: at(-fiveDays + 1) }).endpoint.disable).toBeNull();
    expect(failed(500, { failingSince: at(-fiveDays) })).toEqual({
      delivery: { status: 'failed', reason: 'endpoint_disabled' },
      endpoint: { failing_since: at(-fiveDays), disable: 'failing' },
    });
  });
});
