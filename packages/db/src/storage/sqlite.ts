import { type Db, readTx, type Tx, writeTx } from '../client.ts';
import { type Reads, runSnapshotNow, snapshotReads, txSteps, type Writes } from '../reads.ts';
import type { Repositories } from '../repositories/index.ts';
import { createStorage, type Engine } from './engine.ts';
import type { StoragePort } from './port.ts';

/**
 * The embedded engine: every transaction is one synchronous better-sqlite3 transaction (an `immediate` one for
 * writes), so concurrent writers serialize and nothing awaits between the load and the store
 * (docs/decisions/003-synchronous-sqlite-transactions.md).
 */
export function createSqliteStorage(db: Db, repos: Repositories): StoragePort {
  return createStorage(sqliteEngine(db, repos));
}

/**
 * SQLite's transaction is the connection itself (`writeTx` hands `db` to its work), so the writes are bound to
 * it and the steps built once, here: a command pays only its generator steps.
 */
export function sqliteEngine(db: Db, repos: Repositories): Engine {
  const reads: Reads = repos;
  const snapshotSteps = snapshotReads(reads);
  const steps = txSteps(reads, bindWrites(repos, db as unknown as Tx));
  return {
    reads,
    snapshot: (work) => readTx(db, () => runSnapshotNow(work, snapshotSteps)),
    transaction: (work) => writeTx(db, () => runSnapshotNow(work, steps)),
  };
}

type AnyFunction = (...args: never[]) => unknown;

/** Which members are writes, group by group: `true` for a write, a nested group's own flags otherwise. */
type WriteFlags<W> = {
  readonly [M in keyof W as W[M] extends AnyFunction
    ? M
    : keyof W[M] extends never
      ? never
      : M]: W[M] extends AnyFunction ? true : WriteFlags<W[M]>;
};

/**
 * The repositories' writes (the methods that take the transaction first). TypeScript knows them and JavaScript
 * cannot tell, so they are named here; the compiler holds this list to exactly `Writes`' names, a write
 * missing or one too many.
 */
const writes: WriteFlags<Writes> = {
  memberGrants: { grant: true, revoke: true, appendEvents: true },
  agentProfiles: { insert: true, update: true },
  templates: { insert: true, update: true },
  stages: { insert: true, update: true, delete: true },
  pipelines: { store: true },
  participants: { store: true },
  apiKeys: { insert: true, revoke: true, expireAt: true },
  portalLinks: { insert: true, revoke: true, markOpened: true, appendEvents: true },
  portalNotice: { save: true },
  interviewerModels: { save: true, remove: true },
  answers: { upsert: true, submit: true },
  sessionTurns: { append: true },
  selfIdentification: { save: true },
  webhooks: {
    endpoints: { insert: true, save: true, remove: true },
    outbox: {
      enqueue: true,
      enqueueTo: true,
      replay: true,
      claim: true,
      leased: true,
      recordAttempt: true,
      failPending: true,
      sweep: true,
    },
  },
  bulkActions: { insert: true, settle: true, claim: true, release: true },
  mail: { insert: true, claim: true, settle: true, setReviewDigest: true },
  idempotency: { remember: true },
};

/** The repositories' writes with `tx` bound as their first argument. */
function bindWrites(repos: Repositories, tx: Tx): Writes {
  const bind = (group: Record<string, unknown>, flags: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(flags).map(([key, flag]) => {
        const member = group[key];
        if (flag !== true) return [key, bind(member as Record<string, unknown>, flag as Record<string, unknown>)];
        const write = member as (...args: unknown[]) => unknown;
        return [key, (...args: unknown[]) => write.call(group, tx, ...args)];
      }),
    );
  return bind(repos as unknown as Record<string, unknown>, writes) as unknown as Writes;
}
