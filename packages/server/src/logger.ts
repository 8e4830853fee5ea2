import { pino } from 'pino';

export type Logger = pino.Logger;

/** How long a log line may wait in the buffer before it is written anyway. */
export const LOG_FLUSH_EVERY_MS = 1000;

/**
 * Structured JSON logs on stdout (or `dest`); LOG_LEVEL=silent in tests keeps the output readable. Lines are
 * buffered up to 4 kB and written together (pino's asynchronous logging, flushed on exit, and at least every
 * second so a quiet server's lines still appear): a write per request line cost ~15 µs of a request at one
 * connection (bench/README.md).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', dest: number | string = 1): Logger {
  if (level === 'silent') return pino({ level });
  const destination = pino.destination({ dest, minLength: 4096, sync: false });
  setInterval(() => destination.flush(), LOG_FLUSH_EVERY_MS).unref();
  return pino({ level, base: { service: 'stageflow-api' } }, destination);
}

/** Writes what the log holds now: before the start prints its greeting to stdout itself, so the lines keep order. */
export function flushLogNow(log: Logger): void {
  const stream = (log as unknown as Record<symbol, { flushSync?: () => void }>)[pino.symbols.streamSym];
  stream?.flushSync?.();
}
