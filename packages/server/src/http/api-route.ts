import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';
import { carriesNoBody } from './body-limit.ts';
import { compressionWanted, compressLargeJson } from './compress-json.ts';
import { headersForAnswer } from './node-response-headers.ts';
import type { RateLimits } from './rate-limit.ts';
import { logRequest } from './request-log.ts';
import type { SecurityHeaders } from './security-headers.ts';

export interface ApiRouteOptions {
  /** Whose refusals: tRPC's error envelope, or REST's `{ error, issues }`. */
  readonly format: 'trpc' | 'rest';
  /** The API's own answer (tRPC's handler, trpc-handler.ts; the REST adapter, rest.ts). */
  readonly serve: (c: Context) => Promise<Response>;
  /** A refusal before anything else runs: calls tRPC cannot read (trpc-batch.ts). */
  readonly refuseFirst?: (c: Context) => Response | undefined;
  readonly headers: SecurityHeaders;
  readonly log: Logger;
  readonly limits: RateLimits;
  /** The cross-site check of cookie-authenticated writes (csrf.ts). */
  readonly crossSiteRefusal: (c: Context) => Response | undefined;
  /** The API's body limit (body-limit.ts). */
  readonly bodyLimit: MiddlewareHandler;
  /** The app's answer to an error nothing else caught. */
  readonly onError: (err: Error, c: Context) => Response;
}

/**
 * One of the APIs (`/trpc`, `/api/v1`) as one route that does, in order and as plain calls, what the app's
 * middlewares do for its other routes: the APIs' security headers, the checks (the API key's rate limit,
 * cross-site writes, the body limit), compression, the answer to an unexpected error and the request's log line.
 * Hono runs a chain of middlewares one asynchronous step per middleware: the eight of a tRPC call measured ~7 %
 * of its CPU (docs/decisions/051-the-api-routes-in-one-step.md). The app adds these routes ahead of its
 * middlewares, and they answer without passing on, so none of them runs for them: a step the app adds for every
 * route belongs here too.
 */
export function apiRoute(options: ApiRouteOptions): Handler {
  const { format, serve, refuseFirst, headers, log, limits, crossSiteRefusal, bodyLimit, onError } = options;

  async function answer(c: Context): Promise<Response> {
    const first = refuseFirst?.(c);
    if (first) return first;
    const counted = await limits.countApiKeyCalls(c, format);
    if (counted?.refused) return counted.refused;
    const onCounted = counted ? headersForAnswer(c, counted.headers) : undefined;
    // The body limit may put a counted copy of the request in its place: `serve` reads it from the context.
    const served = () => serve(c);
    const limited = carriesNoBody(c.req.method) ? served : () => within(bodyLimit, c, served);
    const res =
      crossSiteRefusal(c) ?? (await (compressionWanted(c) ? within(compressLargeJson, c, limited) : limited()));
    return onCounted ? onCounted(res) : res;
  }

  return async (c) => {
    const started = performance.now();
    const forAnswer = headers.forApiAnswer(c);
    const onAnswer = forAnswer instanceof Promise ? await forAnswer : forAnswer;
    let res: Response;
    try {
      res = onAnswer(await answer(c));
    } catch (err) {
      res = onAnswer(onError(err instanceof Error ? err : new Error(String(err)), c));
    }
    logRequest(log, c, res.status, started);
    return res;
  };
}

/**
 * One of the app's middlewares around `inner`, as Hono's chain runs it: the answer it gives itself, or the one it
 * let through (as it left it: compression replaces it). An answer is set on the context once, as Hono sets it:
 * setting it again would copy it.
 */
async function within(middleware: MiddlewareHandler, c: Context, inner: () => Promise<Response>): Promise<Response> {
  const returned = await middleware(c, async () => {
    const res = await inner();
    if (!c.finalized) c.res = res;
  });
  return returned ?? c.res;
}
