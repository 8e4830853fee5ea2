/// <reference path="./on-exit-leak-free.d.ts" />
import { register } from 'on-exit-leak-free';
import { pino } from 'pino';

export type Logger = pino.Logger;

/** How long a log line may wait in the buffer before it is written anyway. */
export const LOG_FLUSH_EVERY_MS = 1000;
/** Lines are handed to the destination together once they hold this many characters. */
export const LOG_BATCH_CHARS = 4096;

/**
 * Structured JSON logs on stdout (or `dest`); LOG_LEVEL=silent in tests keeps the output readable. Lines are
 * gathered up to 4 kB and written together (pino's asynchronous destination, flushed on exit, and at least every
 * second so a quiet server's lines still appear): a write per request line cost ~15 µs of a request at one
 * connection (bench/README.md).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', dest: number | string = 1): Logger {
  if (level === 'silent') return pino({ level });
  const lines = new LineBatch(pino.destination({ dest, sync: false }));
  setInterval(() => lines.hand(), LOG_FLUSH_EVERY_MS).unref();
  register(lines, (batch, event) => (event === 'exit' ? batch.flushSync() : batch.hand()));
  return pino({ level, base: { service: 'stageflow-api' } }, lines);
}

type Destination = ReturnType<typeof pino.destination>;

/**
 * Log lines kept here and handed to pino's destination (sonic-boom) a batch at a time. Left to gather lines
 * itself (`minLength`), sonic-boom measures everything it holds (`Buffer.byteLength` of one growing string) on
 * each line it appends, so a line cost more the more lines waited: about half of a request line's ~4 µs.
 * The destination keeps what it does well: writing without blocking, a slow or closed pipe, the final flush.
 */
class LineBatch {
  #lines: string[] = [];
  #chars = 0;
  readonly #destination: Destination;

  constructor(destination: Destination) {
    this.#destination = destination;
  }

  /** Called by pino with each line. */
  write(line: string): void {
    this.#lines.push(line);
    this.#chars += line.length;
    if (this.#chars >= LOG_BATCH_CHARS) this.hand();
  }

  /** What is kept goes to the destination, which writes it at once unless a write is under way. */
  hand(): void {
    if (this.#lines.length === 0) return;
    const batch = this.#lines.join('');
    this.#lines = [];
    this.#chars = 0;
    this.#destination.write(batch);
  }

  /** Everything written before this returns (pino's `flushSync`; at exit, when nothing asynchronous runs). */
  flushSync(): void {
    this.hand();
    try {
      this.#destination.flushSync();
    } catch {
      // A destination not open yet (a file still being opened) or already closed: nothing it could write now.
    }
  }
}

/** Writes what the log holds now: before the start prints its greeting to stdout itself, so the lines keep order. */
export function flushLogNow(log: Logger): void {
  const stream = (log as unknown as Record<symbol, { flushSync?: () => void }>)[pino.symbols.streamSym];
  stream?.flushSync?.();
}
