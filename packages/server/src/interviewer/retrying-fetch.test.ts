import { describe, expect, test } from 'vitest';
import { retryAfterMs, retryingFetch } from './retrying-fetch.ts';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');

describe('retryAfterMs', () => {
  test.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after-ms': '150', 'retry-after': '9' }, 150],
    [{ 'retry-after': 'Tue, 01 Dec 2026 10:00:03 GMT' }, 3000],
    [{ 'retry-after': 'Tue, 01 Dec 2026 09:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, ms) => {
    expect(retryAfterMs(new Headers(headers), NOW)).toBe(ms);
  });
});

/** A fetch that answers the given statuses in turn and counts its calls. */
function scripted(...answers: (number | Error)[]) {
  const calls: number[] = [];
  const fake = async () => {
    const next = answers[calls.length] ?? 200;
    calls.push(Date.now());
    if (next instanceof Error) throw next;
    return new Response('{}', { status: next });
  };
  return { calls, fetch: fake as unknown as typeof fetch };
}

const withCode = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

describe('retryingFetch', () => {
  const options = { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 100 };

  test.each([429, 500, 502, 503, 504])('%i is retried', async (status) => {
    const s = scripted(status);
    expect((await retryingFetch({ ...options, fetch: s.fetch })('http://x')).status).toBe(200);
    expect(s.calls).toHaveLength(2);
  });

  test.each([400, 401, 403, 404, 422])('%i is answered at once', async (status) => {
    const s = scripted(status);
    expect((await retryingFetch({ ...options, fetch: s.fetch })('http://x')).status).toBe(status);
    expect(s.calls).toHaveLength(1);
  });

  test('gives the last answer back after maxRetries', async () => {
    const s = scripted(500, 500, 500, 500);
    expect((await retryingFetch({ ...options, fetch: s.fetch })('http://x')).status).toBe(500);
    expect(s.calls).toHaveLength(3);
  });

  test('a reset connection is retried; a refused one or an unknown host is not', async () => {
    const reset = scripted(withCode('ECONNRESET'));
    expect((await retryingFetch({ ...options, fetch: reset.fetch })('http://x')).status).toBe(200);
    for (const code of ['ECONNREFUSED', 'ENOTFOUND']) {
      const s = scripted(withCode(code));
      await expect(retryingFetch({ ...options, fetch: s.fetch })('http://x')).rejects.toThrow('fetch failed');
      expect(s.calls).toHaveLength(1);
    }
  });

  test('an abort while waiting to retry stops at once', async () => {
    const s = scripted(503, 503);
    const controller = new AbortController();
    const call = retryingFetch({ ...options, baseDelayMs: 10_000, maxDelayMs: 10_000, fetch: s.fetch })('http://x', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(call).rejects.toThrow('stop');
    expect(s.calls).toHaveLength(1);
  });
});
