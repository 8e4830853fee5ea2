/**
 * Request body limits (docs/decisions/014-request-limits.md), on Hono's body-limit middleware: a
 * declared `Content-Length` past the limit is refused before anything is read, and a chunked body
 * is counted while it streams, so at most the limit is ever held. Past it the answer is a 413 at
 * once (tRPC's envelope on `/trpc`, `{ error, issues }` elsewhere); the unread rest is dropped and
 * the connection closed by @hono/node-server.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { restError } from './rest.ts';
import { REST_BASE, restOperations } from './rest-routes.ts';
import { trpcCallPaths } from './trpc-calls.ts';
import { trpcErrorResponse } from './trpc-error-response.ts';

export interface BodyLimitOptions {
  /** The largest body on `/trpc`, `/api/v1` and `/api/auth` (BODY_LIMIT_BYTES, 1 MB). */
  readonly defaultBytes: number;
  /** The largest body for bulk enrolment and stage import (BULK_BODY_LIMIT_BYTES, 10 MB). */
  readonly bulkBytes: number;
}

const MB = 1024 * 1024;

/** The procedures whose input may be larger than the default limit: many people, many stages. */
export const BULK_BODY_PROCEDURES: ReadonlySet<string> = new Set(['participants.bulkCreate', 'stages.import']);

export function bodyLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): BodyLimitOptions {
  const defaultBytes = positiveInteger(env.BODY_LIMIT_BYTES) ?? MB;
  return { defaultBytes, bulkBytes: Math.max(defaultBytes, positiveInteger(env.BULK_BODY_LIMIT_BYTES) ?? 10 * MB) };
}

function positiveInteger(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** 1 MB, 512 KB, 1000 bytes: the limit as people read it (1 MB = 1024 × 1024 bytes). */
export function describeBytes(bytes: number): string {
  if (bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** A GET or HEAD sends no body: the limits pass it untouched. */
export const carriesNoBody = (method: string) => method === 'GET' || method === 'HEAD';

type Refuse = (message: string) => Response;
const refuseRest: Refuse = (message) => restError(413, message);
const refuseTrpc: Refuse = (message) => trpcErrorResponse('PAYLOAD_TOO_LARGE', message);

/** The limits of one app: a middleware per prefix, each picking the bulk limit only for the bulk routes. */
export function createBodyLimits(options: BodyLimitOptions) {
  const limit = (maxSize: number, refuse: Refuse): MiddlewareHandler => {
    const tooLarge = () => refuse(`The request body is larger than ${describeBytes(maxSize)}`);
    const counted = bodyLimit({ maxSize, onError: tooLarge });
    return (c, next) => {
      // A declared length is judged as declared, before anything touches the body. Hono's middleware asks for
      // the body first, which makes @hono/node-server build a whole Request with a stream for every POST
      // (bench/README.md); then tRPC and REST read it on node-server's fast path. A chunked body is counted.
      const declared = c.req.header('content-length');
      if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
      return Number.parseInt(declared, 10) > maxSize ? Promise.resolve(tooLarge()) : next();
    };
  };
  const byRoute = (isBulk: (req: Request) => boolean, refuse: Refuse): MiddlewareHandler => {
    const normal = limit(options.defaultBytes, refuse);
    const bulk = limit(options.bulkBytes, refuse);
    return (c, next) => {
      // A GET or HEAD sends no body. Asked for one, @hono/node-server would build a whole Request (its
      // fast path keeps only what was read): ~60 µs on every query (bench/README.md).
      if (carriesNoBody(c.req.method)) return next();
      return (isBulk(c.req.raw) ? bulk : normal)(c, next);
    };
  };

  const bulkRestRoutes = restOperations().filter((op) => BULK_BODY_PROCEDURES.has(op.procedure));
  const isBulkRest = (req: Request) => {
    const { pathname } = new URL(req.url);
    const path = pathname.slice(pathname.indexOf(REST_BASE) + REST_BASE.length).replace(/\/+$/, '');
    return bulkRestRoutes.some((op) => op.method === req.method && op.match(path) !== undefined);
  };
  // A batch that carries a bulk call needs the bulk call's room.
  const isBulkTrpc = (req: Request) => trpcCallPaths(req.url)?.some((path) => BULK_BODY_PROCEDURES.has(path)) ?? false;

  return {
    trpc: byRoute(isBulkTrpc, refuseTrpc),
    rest: byRoute(isBulkRest, refuseRest),
    auth: limit(options.defaultBytes, refuseRest),
    // The participant portal's API and its pages' forms: no bulk routes, nothing a participant sends is near it.
    portal: byRoute(() => false, refuseRest),
  };
}
