/**
 * Reads as either engine answers them (docs/decisions/036-reads-on-either-engine.md).
 *
 * The SQLite repositories answer synchronously; a PostgreSQL engine answers with promises. Code that reads
 * (routers, the application layer, the portal) sees `Reads`: every repository's read methods, each answering
 * `MaybePromise`, so it `await`s and runs on both. A method whose first parameter is a transaction is a write:
 * it belongs to the engine's storage port, not here. (A few single-statement writes that need no transaction,
 * such as noting when an API key was last used, are here too: they run alone, on either engine.)
 *
 * Reads that must agree with each other (a board's counts and its cards, a page's state and its link) run in
 * one snapshot: `storage.snapshot(function* (r) { const a = yield* r.participants.byId(ws, id); … })`. The
 * snapshot's work is a generator so that SQLite keeps running it synchronously inside one deferred transaction
 * (nothing else can run on its connection meanwhile), while PostgreSQL awaits each step inside one
 * transaction of its own. `yield*` is where an asynchronous engine waits; SQLite never does.
 */
import type { Tx } from './client.ts';
import type { Repositories } from './repositories/index.ts';
import type { MaybePromise } from './storage/port.ts';

type AnyFunction = (...args: never[]) => unknown;

/** Members that are an engine's own business, not reads: the SQLite stage cache's notice of a change. */
type EngineInternal = 'changing';

/** A repository's read methods (nested groups too), each answering `MaybePromise`. */
export type ReadsOf<R> = {
  readonly [M in keyof R as M extends EngineInternal
    ? never
    : R[M] extends AnyFunction
      ? Parameters<R[M]>[0] extends Tx
        ? never
        : M
      : R[M] extends object
        ? M
        : never]: R[M] extends (...args: infer A) => infer T ? (...args: A) => MaybePromise<T> : ReadsOf<R[M]>;
};

/** Every repository's reads: what server code is given instead of an engine's repositories. */
export type Reads = ReadsOf<Repositories>;

/**
 * A repository's writes: the methods that take the transaction first, with the transaction bound by the engine
 * (each engine hands the storage port's units writes already inside their transaction), answering `MaybePromise`.
 * A nested group with no writes (the participants' `load`) is left out, so an engine's writes need not carry it.
 */
export type WritesOf<R> = {
  readonly [M in keyof R as R[M] extends AnyFunction
    ? Parameters<R[M]>[0] extends Tx
      ? M
      : never
    : R[M] extends object
      ? keyof WritesOf<R[M]> extends never
        ? never
        : M
      : never]: R[M] extends (tx: Tx, ...args: infer A) => infer T ? (...args: A) => MaybePromise<T> : WritesOf<R[M]>;
};

/** Every repository's writes, inside one transaction: what the storage port's units store through. */
export type Writes = WritesOf<Repositories>;

/** One read inside a snapshot: `yield*` it for its answer. */
export type ReadStep<T> = Generator<unknown, T, unknown>;

/** The same reads as steps of a snapshot. */
export type StepsOf<R> = {
  readonly [M in keyof R]: R[M] extends (...args: infer A) => MaybePromise<infer T>
    ? (...args: A) => ReadStep<Awaited<T>>
    : StepsOf<R[M]>;
};
export type SnapshotReads = StepsOf<Reads>;

/** What a snapshot runs: reads through `r`, with any logic between them, and an answer. */
export type SnapshotWork<T> = (r: SnapshotReads) => ReadStep<T>;

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as Promise<unknown> | null)?.then === 'function';

/** A promise as a step: yielded for the engine to await, its answer returned. */
function* awaited<T>(promise: Promise<T>): ReadStep<T> {
  return (yield promise) as T;
}

/**
 * A value already there as a step: `yield*` takes it at once. A plain iterator rather than a generator, since
 * every SQLite read and write inside a transaction goes through here (half the cost per step).
 */
class Ready<T> {
  constructor(private readonly value: T) {}
  [Symbol.iterator]() {
    return this;
  }
  next(): IteratorReturnResult<T> {
    return { done: true, value: this.value };
  }
}

/** An answer as a step: a promise is yielded for the engine to await, a value is returned at once. */
const step = <T>(value: MaybePromise<T>): ReadStep<T> =>
  isPromise(value) ? awaited(value) : (new Ready(value) as unknown as ReadStep<T>);

/**
 * One transaction's steps, every repository's reads and writes merged group by group:
 * `yield* t.participants.loadTarget(…)` then `yield* t.participants.store(…)` (storage/engine.ts).
 */
export type TxSteps = StepsOf<Reads & Writes>;

/**
 * Wraps members of several sources as steps, group by group (a member both give is the later source's). The
 * wrappers hold no state, so an engine whose reads and writes outlive a transaction builds them once.
 */
function stepsOf(sources: readonly Record<string, unknown>[]): Record<string, unknown> {
  const members = new Map<string, unknown[]>();
  for (const source of sources) {
    for (const [key, member] of Object.entries(source)) members.set(key, [...(members.get(key) ?? []), member]);
  }
  const steps: Record<string, unknown> = {};
  for (const [key, found] of members) {
    const last = found.at(-1);
    if (typeof last === 'function') {
      const source = sources.findLast((s) => s[key] === last);
      const call = last as (...args: unknown[]) => unknown;
      steps[key] = (...args: unknown[]) => step(call.apply(source, args));
      continue;
    }
    const groups = found.filter((m): m is Record<string, unknown> => m !== null && typeof m === 'object');
    if (groups.length > 0) steps[key] = stepsOf(groups);
  }
  return steps;
}

/** Wraps an engine's reads as snapshot steps, once per engine (the wrappers hold no state). */
export function snapshotReads(reads: Reads): SnapshotReads {
  return stepsOf([reads as unknown as Record<string, unknown>]) as unknown as SnapshotReads;
}

/** Merges an engine's reads and writes inside one transaction as that transaction's steps. */
export function txSteps(reads: Reads, writes: Writes): TxSteps {
  return stepsOf([reads, writes] as unknown as Record<string, unknown>[]) as unknown as TxSteps;
}

/** Runs a snapshot's (or a transaction's) work on an engine that answers synchronously: nothing may be awaited. */
export function runSnapshotNow<T, S = SnapshotReads>(work: (r: S) => ReadStep<T>, r: S): T {
  const next = work(r).next();
  if (!next.done) throw new Error('A synchronous engine was asked to wait inside a snapshot');
  return next.value;
}

/** Runs a snapshot's (or a transaction's) work on an engine that answers with promises, awaiting each step in turn. */
export async function runSnapshotAwaiting<T, S = SnapshotReads>(
  work: (r: S) => ReadStep<T>,
  r: S,
  /** Told of each failed step before it is thrown into the work (which may catch it). */
  failed?: (error: unknown) => void,
): Promise<T> {
  const steps = work(r);
  let next = steps.next();
  while (!next.done) {
    let answer: unknown;
    try {
      answer = await next.value;
    } catch (error) {
      failed?.(error);
      // Thrown where the work waited, so its own try/catch sees it as it would on SQLite.
      next = steps.throw(error);
      continue;
    }
    next = steps.next(answer);
  }
  return next.value;
}
