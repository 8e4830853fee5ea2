/// <reference path="./on-exit-leak-free.d.ts" />
import { register } from 'on-exit-leak-free';
import { pino } from 'pino';

export type Logger = pino.Logger;

/** How long a log line may wait in the buffer before it is written anyway. */
export const LOG_FLUSH_EVERY_MS = 1000;
/** Lines are handed to the destination together once they hold this many characters. */
const LOG_BATCH_CHARS = 4096;

/**
 * Structured JSON logs on stdout (or `dest`); LOG_LEVEL=silent in tests keeps the output readable. Lines are
 * gathered up to 4 kB and written together (pino's asynchronous destination, written at exit, and at least every
 * second so a quiet server's lines still appear): a write per request line cost ~15 µs of a request at one
 * connection (docs/decisions/050-logging-with-pino-in-batches.md).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', dest: number | string = 1): Logger {
  if (level === 'silent') return pino({ level });
  const lines = new LineBatch(pino.destination({ dest, sync: false, minLength: WHEN_ASKED }));
  setInterval(() => lines.flush(), LOG_FLUSH_EVERY_MS).unref();
  register(lines, (batch, event) => (event === 'exit' ? batch.flushSync() : batch.flush()));
  return pino({ level, base: { service: 'stageflow-api' } }, lines);
}

/**
 * sonic-boom writes on its own once it holds `minLength` bytes; given the most it takes (below its 16 kB write), it
 * writes when the batch below says so (`flush`), and a batch handed over at exit (at most 4,096 characters, 12 kB)
 * stays with it for `flushSync` to write at once.
 */
const WHEN_ASKED = 16 * 1024 - 1;

type Destination = ReturnType<typeof pino.destination>;

/**
 * Log lines kept here and handed to pino's destination (sonic-boom) a batch at a time. Left to gather lines
 * itself, sonic-boom measures everything it holds (`Buffer.byteLength` of one growing string) on each line it
 * appends, so a line cost more the more lines waited: about half of a request line's ~4 µs. The destination keeps
 * what it does well: writing without blocking, a slow or closed pipe, a synchronous flush at exit.
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
    if (this.#chars >= LOG_BATCH_CHARS) this.flush();
  }

  /** Writes what is kept, without blocking (if a write is under way, the next flush takes it). */
  flush(): void {
    this.#handOver();
    this.#destination.flush();
  }

  /** Everything logged so far written before this returns (pino's `flushSync`; at exit). */
  flushSync(): void {
    try {
      // What the destination holds first, so that the last batch fits under its `minLength` and is written here.
      this.#destination.flushSync();
      this.#handOver();
      this.#destination.flushSync();
    } catch {
      // A destination not open yet (a file still being opened) or already closed: nothing it could write now.
    }
  }

  #handOver(): void {
    if (this.#lines.length === 0) return;
    const batch = this.#lines.join('');
    this.#lines = [];
    this.#chars = 0;
    this.#destination.write(batch);
  }
}

/** Writes what the log holds now: before the start prints its greeting to stdout itself, so the lines keep order. */
export function flushLogNow(log: Logger): void {
  const stream = (log as unknown as Record<symbol, { flushSync?: () => void }>)[pino.symbols.streamSym];
  stream?.flushSync?.();
}
