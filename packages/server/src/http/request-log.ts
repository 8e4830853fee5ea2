import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';

/** A request's log line (method, path, status, milliseconds since `started`); the health check's are left out. */
export function logRequest(log: Logger, c: Context, status: number, started: number): void {
  const { path } = c.req;
  if (path === '/healthz') return;
  log.info({ method: c.req.method, path, status, ms: Math.round(performance.now() - started) }, 'request');
}

/** Every answer's log line, once it is given (errors included: Hono's error handler has answered by then). */
export function logRequests(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logRequest(log, c, c.res.status, started);
  };
}
