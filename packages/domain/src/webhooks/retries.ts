/**
 * When a webhook is tried again, and what an attempt's answer means for the delivery and its endpoint
 * (docs/webhooks.md#delivery-and-retries). Pure: the worker passes the time and a random number.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The waits before each retry, after the first attempt (which is immediate): the Standard Webhooks
 * specification's example schedule, about 75 hours in all.
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];
/** The first attempt and one per retry. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;
/** Each wait is moved by up to this fraction either way, so failures caused by load do not come back in step. */
export const WEBHOOK_JITTER = 0.1;
/** An endpoint whose attempts have all failed for this long is disabled, and its admins are told. */
export const WEBHOOK_DISABLE_AFTER_FAILING_MS = 5 * DAY;
/** The longest `Retry-After` honoured: a receiver cannot park a delivery for longer than the schedule's longest wait. */
export const WEBHOOK_MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * How long to wait after `attemptsMade` attempts, or null when none is left. `random` is in [0, 1):
 * 0.5 is the schedule's own wait, 0 and 1 its ends moved by the jitter.
 */
export function retryDelayMs(attemptsMade: number, random: number): number | null {
  const base = WEBHOOK_RETRY_DELAYS_MS[attemptsMade - 1];
  if (base === undefined || attemptsMade < 1) return null;
  return Math.round(base * (1 - WEBHOOK_JITTER + 2 * WEBHOOK_JITTER * random));
}

/**
 * A `Retry-After` header in milliseconds from `now`: delay-seconds (`120`) or an HTTP date; null when
 * absent or unreadable. Capped at WEBHOOK_MAX_RETRY_AFTER_MS; a date already past is 0.
 */
export function retryAfterMs(header: string | null | undefined, now: string): number | null {
  const value = header?.trim();
  if (!value) return null;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * SECOND;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = Math.max(0, at - Date.parse(now));
  }
  return Math.min(ms, WEBHOOK_MAX_RETRY_AFTER_MS);
}

/** What one attempt got back: a status (null when no answer came: refused, timed out, reset) and its `Retry-After`. */
export interface AttemptAnswer {
  readonly status: number | null;
  readonly retry_after: string | null;
}

/** Only 2xx is success; redirects are not followed, so a 3xx is a failure like any other. */
export const isWebhookSuccess = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/** The rate-limit and overload answers whose `Retry-After` decides the next attempt. */
const HONOURS_RETRY_AFTER = new Set([429, 503]);

export type DeliveryAfterAttempt =
  | { readonly status: 'succeeded' }
  | { readonly status: 'pending'; readonly next_attempt_at: string }
  | { readonly status: 'failed'; readonly reason: 'attempts_exhausted' | 'endpoint_gone' | 'endpoint_disabled' };

export interface EndpointAfterAttempt {
  /** Since when every attempt to it failed; null again after a success. */
  readonly failing_since: string | null;
  /** Set when this attempt disables it: `gone` (it answered 410), `failing` (5 days of failures). */
  readonly disable: 'gone' | 'failing' | null;
}

/**
 * What an attempt's answer does: to its delivery (done, tried again later, or given up) and to its
 * endpoint (still failing since when, or disabled). `attemptsMade` counts this attempt.
 */
export function afterAttempt(input: {
  readonly answer: AttemptAnswer;
  readonly attemptsMade: number;
  readonly failingSince: string | null;
  readonly now: string;
  readonly random: number;
}): { delivery: DeliveryAfterAttempt; endpoint: EndpointAfterAttempt } {
  const { answer, now } = input;
  if (isWebhookSuccess(answer.status)) {
    return { delivery: { status: 'succeeded' }, endpoint: { failing_since: null, disable: null } };
  }
  const failingSince = input.failingSince ?? now;
  if (answer.status === 410) {
    return {
      delivery: { status: 'failed', reason: 'endpoint_gone' },
      endpoint: { failing_since: failingSince, disable: 'gone' },
    };
  }
  if (Date.parse(now) - Date.parse(failingSince) >= WEBHOOK_DISABLE_AFTER_FAILING_MS) {
    return {
      delivery: { status: 'failed', reason: 'endpoint_disabled' },
      endpoint: { failing_since: failingSince, disable: 'failing' },
    };
  }
  const endpoint = { failing_since: failingSince, disable: null };
  const scheduled = retryDelayMs(input.attemptsMade, input.random);
  if (scheduled === null) return { delivery: { status: 'failed', reason: 'attempts_exhausted' }, endpoint };
  const asked =
    answer.status !== null && HONOURS_RETRY_AFTER.has(answer.status) ? retryAfterMs(answer.retry_after, now) : null;
  const wait = asked ?? scheduled;
  return {
    delivery: { status: 'pending', next_attempt_at: new Date(Date.parse(now) + wait).toISOString() },
    endpoint,
  };
}
