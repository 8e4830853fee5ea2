/**
 * Rate limits (docs/decisions/010-rate-limits.md, sign-in as amended by
 * docs/decisions/012-sign-in-throttling-per-account-and-address.md), on rate-limiter-flexible's
 * counters in the database, shared by every server process (limiter-store.ts,
 * docs/decisions/035-shared-state-in-the-database.md):
 * - per API key on `/trpc` and `/api/v1`: `apiKeyPerMinute` calls a minute (RATE_LIMIT_PER_MINUTE), where
 *   a REST request is one call and a tRPC batch is as many calls as it carries;
 * - failed sign-ins, counted per (account, client address) and per client address, so a guesser
 *   throttles only the addresses it guesses from and never locks the owner out; past a per-account
 *   ceiling, each address that fails for that account waits longer and longer before its next try;
 * - per IP on sign-in and sign-up: better-auth's own limiter (auth/better-auth.ts), in the database
 *   too. Here it is given the client's real address and its `X-Retry-After` becomes the standard `Retry-After`.
 * Every refusal is a 429 with `Retry-After` in seconds.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { apiKeyFormatProblem, hashApiKey } from '../auth/api-keys.ts';
import type { LimiterStore } from './limiter-store.ts';
import { type HeaderList, withHeaders } from './node-response-headers.ts';
import { restError } from './rest.ts';
import { trpcCallPaths } from './trpc-calls.ts';
import { trpcErrorResponse } from './trpc-error-response.ts';

export interface RateLimitOptions {
  /** Calls a minute per API key over tRPC and REST (each call of a tRPC batch counts). */
  readonly apiKeyPerMinute: number;
  /**
   * Failed sign-ins for one account (email) from one client address within `failedSignInMinutes`;
   * then that address waits (429) for that account until the window ends. Other addresses go on.
   */
  readonly failedSignIns: number;
  readonly failedSignInMinutes: number;
  /** Failed sign-ins from one client address, over all accounts, within `failedSignInMinutes` (default 30). */
  readonly failedSignInsPerAddress?: number;
  /**
   * Failed sign-ins for one account from all addresses within `failedSignInMinutes` (default 10) past
   * which every address that fails for it waits 2, 4, 8 … seconds (up to the window) before its next
   * try for it. An address that has not failed is never made to wait.
   */
  readonly failedSignInsBeforeDelay?: number;
  /** Portal requests (`/p/…`, `/api/portal/v1`) a minute per portal link (default 120). */
  readonly portalPerToken?: number;
  /** Portal requests a minute per client address, over all links (default 600). */
  readonly portalPerAddress?: number;
  /**
   * Behind a reverse proxy: the client is the last `X-Forwarded-For` entry (the one our proxy added).
   * Otherwise it is the connection's address, and whatever a client sends in that header is ignored.
   */
  readonly trustProxy: boolean;
  /**
   * Where the counters live (docs/decisions/035-shared-state-in-the-database.md): `memory`, the embedded
   * default for one process (no write per counted call); `database` when several processes share one
   * database, so a limit holds however a load balancer spreads the calls (RATE_LIMIT_STORE).
   */
  readonly store?: RateLimitStore;
}

export type RateLimitStore = 'memory' | 'database';

/** RATE_LIMIT_STORE, refused at start when it names no store (a typo must not quietly split the limits). */
function storeFromEnv(value: string | undefined): RateLimitStore {
  if (value === undefined || value === '' || value === 'memory') return 'memory';
  if (value === 'database') return 'database';
  throw new Error(`RATE_LIMIT_STORE must be "memory" or "database", not "${value}"`);
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  const perMinute = Number(env.RATE_LIMIT_PER_MINUTE ?? 600);
  return {
    apiKeyPerMinute: Number.isInteger(perMinute) && perMinute > 0 ? perMinute : 600,
    failedSignIns: 10,
    failedSignInMinutes: 15,
    failedSignInsPerAddress: 30,
    failedSignInsBeforeDelay: 10,
    portalPerToken: 120,
    portalPerAddress: 600,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    store: storeFromEnv(env.RATE_LIMIT_STORE),
  };
}

type ApiFormat = 'trpc' | 'rest';

/** A counted request: refused, or let through with the headers that say what is left. */
export type Counted = { readonly refused: Response } | { readonly refused?: undefined; readonly headers: HeaderList };

const retryAfterSeconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
const inTime = (seconds: number) => (seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`);

/** The limiters of one app, on `store` (tests build many apps, each on a database of its own). */
export function createRateLimits(options: RateLimitOptions, store: LimiterStore) {
  const perKey = store({ keyPrefix: 'api_key', points: options.apiKeyPerMinute, duration: 60 });
  const signIns = createSignInLimits(options, store);

  /**
   * Counts the calls of a request that carries a well-formed `x-api-key` (a malformed one is refused as 401 without
   * a lookup anyway): one per REST request, one per call of a tRPC batch. Answers the refusal (a 429, its body in
   * `format`: tRPC's envelope or REST's `{ error, issues }`), or the headers that tell the caller what is left;
   * undefined for a request without a well-formed key.
   */
  const countApiKeyCalls = async (c: Context, format: ApiFormat): Promise<Counted | undefined> => {
    const key = c.req.header('x-api-key');
    if (!key || apiKeyFormatProblem(key)) return undefined;
    const limit = String(options.apiKeyPerMinute);
    try {
      const calls = format === 'trpc' ? (trpcCallPaths(c.req.url)?.length ?? 1) : 1;
      const res = await perKey.consume(hashApiKey(key), calls);
      return {
        headers: [
          ['RateLimit-Limit', limit],
          ['RateLimit-Remaining', String(res.remainingPoints)],
        ],
      };
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      const seconds = retryAfterSeconds(refused);
      const message = `Too many calls with this API key (${limit} a minute): try again in ${inTime(seconds)}`;
      const body = format === 'trpc' ? trpcErrorResponse('TOO_MANY_REQUESTS', message) : restError(429, message);
      return {
        refused: withHeaders(body, [
          ['Retry-After', String(seconds)],
          ['RateLimit-Limit', limit],
          ['RateLimit-Remaining', '0'],
        ]),
      };
    }
  };

  /**
   * On `/api/auth/*`, before better-auth: the client's real address for its per-IP limits, the
   * limits on failed sign-ins, and `Retry-After` on every 429.
   */
  const auth: MiddlewareHandler = async (c, next) => {
    const ip = clientIp(c, options.trustProxy);
    if (ip) {
      const headers = new Headers(c.req.raw.headers);
      headers.set('x-forwarded-for', ip);
      c.req.raw = new Request(c.req.raw, { headers });
    }
    const email = c.req.method === 'POST' && c.req.path.endsWith('/sign-in/email') ? await signInEmail(c) : null;
    // In-process requests (tests, no socket) without TRUST_PROXY share one 'unknown' address.
    const attempt = email ? { email, address: ip ?? 'unknown' } : null;
    if (attempt) {
      const refused = await signIns.take(attempt);
      if (refused) {
        return c.json({ message: refused.message, code: 'TOO_MANY_FAILED_SIGN_INS' }, 429, {
          'Retry-After': String(refused.seconds),
        });
      }
    }
    await next();
    if (attempt) await signIns.settle(attempt, c.res.status);
    const retryAfter = c.res.headers.get('X-Retry-After');
    if (c.res.status === 429 && retryAfter && !c.res.headers.has('Retry-After')) {
      const res = withHeaders(c.res, [['Retry-After', retryAfter]]);
      if (res !== c.res) c.res = res;
    }
  };

  return { countApiKeyCalls, auth };
}
export type RateLimits = ReturnType<typeof createRateLimits>;

interface SignInAttempt {
  /** The lower-cased email. */
  readonly email: string;
  /** The client address (`clientIp`). */
  readonly address: string;
}

/**
 * The failed sign-in counters. A point is taken per address and per (account, address) before the
 * attempt, so parallel guesses cannot all slip through; it is kept on a 401 (wrong email or
 * password) and given back on any other answer. The per-account count never refuses by itself: past
 * its ceiling it only makes each address that fails wait before its next try for that account.
 */
function createSignInLimits(options: RateLimitOptions, store: LimiterStore) {
  const window = options.failedSignInMinutes * 60;
  const delayAfter = options.failedSignInsBeforeDelay ?? 10;
  const perAddress = store({
    keyPrefix: 'sign_in_address',
    points: options.failedSignInsPerAddress ?? 30,
    duration: window,
  });
  const perAccountAndAddress = store({
    keyPrefix: 'sign_in_account_address',
    points: options.failedSignIns,
    duration: window,
  });
  // Counts only (never consumed against): how many failures the account had from anywhere.
  const perAccount = store({ keyPrefix: 'sign_in_account', points: 1, duration: window });
  // An (account, address) pair blocked here waits out its delay.
  const delayed = store({ keyPrefix: 'sign_in_delay', points: 1, duration: window });
  const pair = ({ email, address }: SignInAttempt) => `${email} ${address}`;

  /** Takes the attempt's points; a refusal says why and for how long. */
  async function take(attempt: SignInAttempt): Promise<{ message: string; seconds: number } | null> {
    const refusal = (res: RateLimiterRes, why: string) => {
      const seconds = retryAfterSeconds(res);
      return { message: `${why}: try again in ${inTime(seconds)}`, seconds };
    };
    try {
      await perAddress.consume(attempt.address);
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return refusal(refused, 'Too many failed sign-ins from your address');
    }
    try {
      await perAccountAndAddress.consume(pair(attempt));
    } catch (refused) {
      await perAddress.reward(attempt.address, 1);
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return refusal(refused, 'Too many failed sign-ins for this account from your address');
    }
    const delay = await delayed.get(pair(attempt));
    if (delay && delay.consumedPoints > 1) {
      await giveBack(attempt);
      return refusal(delay, 'This account has had many failed sign-ins lately');
    }
    return null;
  }

  async function giveBack(attempt: SignInAttempt) {
    await perAddress.reward(attempt.address, 1);
    await perAccountAndAddress.reward(pair(attempt), 1);
  }

  /** After better-auth answered: a success clears the account's and this pair's counts; a 401 counts. */
  async function settle(attempt: SignInAttempt, status: number): Promise<void> {
    if (status >= 200 && status < 300) {
      await perAddress.reward(attempt.address, 1);
      await perAccountAndAddress.delete(pair(attempt));
      await delayed.delete(pair(attempt));
      await perAccount.delete(attempt.email);
    } else if (status === 401) {
      const failures = (await perAccount.penalty(attempt.email, 1)).consumedPoints;
      if (failures > delayAfter) {
        await delayed.block(pair(attempt), Math.min(2 ** (failures - delayAfter), window));
      }
    } else {
      await giveBack(attempt);
    }
  }

  return { take, settle };
}

/** The lower-cased email a sign-in is for, read from a copy of the body (better-auth reads the original). */
async function signInEmail(c: Context): Promise<string | null> {
  try {
    const body: unknown = await c.req.raw.clone().json();
    const email = (body as { email?: unknown } | null)?.email;
    return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : null;
  } catch {
    return null; // not JSON: better-auth refuses it
  }
}

/** The connection's address (Node server), or with `trustProxy` the last `X-Forwarded-For` hop. */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim());
    return hops.at(-1) || null;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? null;
}
