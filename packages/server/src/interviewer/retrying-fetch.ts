/**
 * The model client's fetch: retries what a busy or restarting server answers (429 and 5xx, a
 * connection reset) with exponential backoff, honouring `Retry-After` (seconds or a date) and
 * `retry-after-ms` when they ask for no more than `maxDelayMs`. A longer wait is not waited for: a
 * participant is on the other end, so the answer goes back as it is and the call fails. Addresses
 * that refuse or do not resolve are configuration mistakes, failed at once (docs/rules.md#interviewer-model).
 *
 * Retrying here, below the AI SDK, covers streamed calls too: the status of a streamed answer is
 * known before its first chunk, so nothing half-read is ever retried.
 */

export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** The first backoff; each retry doubles it. */
  readonly baseDelayMs: number;
  /** The longest wait between attempts, `Retry-After` included. */
  readonly maxDelayMs: number;
  readonly fetch?: typeof fetch;
}

const RETRYABLE_STATUSES = new Set([408, 409, 429, 500, 502, 503, 504]);
/** Network errors worth another try: the connection dropped, not an address that is wrong. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** The `code` of an error or of any error it wraps (`fetch failed` wraps undici's and the socket's). */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** How long the answer asks to wait, in ms, or undefined when it does not say. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function retryingFetch(options: RetryOptions): typeof fetch {
  const base = options.fetch ?? globalThis.fetch;
  const backoff = (attempt: number) => Math.min(options.baseDelayMs * 2 ** attempt, options.maxDelayMs);

  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= options.maxRetries;
      let response: Response;
      try {
        response = await base(input, init);
      } catch (error) {
        const code = errorCode(error);
        if (last || init?.signal?.aborted || !code || !RETRYABLE_CODES.has(code)) throw error;
        await sleep(backoff(attempt), init?.signal);
        continue;
      }
      if (last || !RETRYABLE_STATUSES.has(response.status)) return response;
      const asked = retryAfterMs(response.headers);
      if (asked !== undefined && asked > options.maxDelayMs) return response;
      // The answer is dropped for another attempt: free its connection.
      await response.body?.cancel().catch(() => undefined);
      await sleep(asked ?? backoff(attempt), init?.signal);
    }
  };
}
