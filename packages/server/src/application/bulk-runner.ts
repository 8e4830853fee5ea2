import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Logger } from '../logger.ts';
import { applyNextPerson } from './bulk-actions.ts';
import type { MailAppContext } from './mail.ts';

/**
 * Runs applied bulk actions in this process (docs/rules.md#bulk-actions): person by person, each in a
 * transaction of its own, giving way to requests between two people so a thousand moves never hold
 * the server up; one action after another, in the order they were started. Every person's outcome is
 * stored with their command, so a runner stopped half-way (a restart) leaves the rest pending, and
 * `run` on the next start carries on from there.
 *
 * Several processes may serve one database: the runner first leases the action (leases.ts), so only
 * one of them runs it, and renews the lease as it goes. A process that dies leaves its lease to run
 * out; any process's next `resumeBulkActions` then takes the action up where it stopped
 * (docs/decisions/035-shared-state-in-the-database.md).
 */
export interface BulkRunner {
  /** Queues the action, run as `ctx` says (its workspace, actor and clock); answers at once. Queued twice runs once. */
  run(ctx: MailAppContext, bulkActionId: string): void;
  /** Settles once every action queued so far has run, or the runner was stopped. */
  idle(): Promise<void>;
  /** Stops before the next person and gives up its lease: what is left stays pending for the next taker. */
  stop(): void;
}

/** How long a lease on a running bulk action holds without renewal: also how often a start looks for orphans. */
export const BULK_LEASE_MS = 60_000;

export interface BulkRunnerOptions {
  /** This runner's name on its leases; a fresh one per process by default. */
  readonly owner?: string;
  readonly leaseMs?: number;
  /** Lease times are wall-clock (every process must agree), not the actions' own clock. */
  readonly clock?: () => number;
}

export function createBulkRunner(log: Logger, options: BulkRunnerOptions = {}): BulkRunner {
  const owner = options.owner ?? `bulk:${randomUUID()}`;
  const leaseMs = options.leaseMs ?? BULK_LEASE_MS;
  const clock = options.clock ?? Date.now;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const queued = new Set<string>();
  /**
   * Actions that stopped on a fault in this process: the periodic look leaves them for the next start (as before
   * leases), rather than running the same failing person again every minute.
   */
  const faulted = new Set<string>();
  /** The action this runner holds now, to give it up on a stop. */
  let holding: { ctx: MailAppContext; id: string } | null = null;

  /** Takes or renews the lease; renews only once a third of it has passed, so most people cost no extra write. */
  let renewAt = 0;
  async function hold(ctx: MailAppContext, id: string): Promise<boolean> {
    const now = clock();
    if (holding?.id === id && now < renewAt) return true;
    const until = new Date(now + leaseMs).toISOString();
    const held = await ctx.storage.bulkActions.claim(ctx.workspaceId, id, {
      owner,
      now: new Date(now).toISOString(),
      until,
    });
    holding = held ? { ctx, id } : null;
    renewAt = now + leaseMs / 3;
    return held;
  }

  async function runToEnd(ctx: MailAppContext, id: string) {
    const started = await ctx.reads.bulkActions.request(ctx.workspaceId, id);
    if (started?.status !== 'running') return;
    try {
      // Not held: another process runs it (or it ended); if that process dies, a resume brings it back here.
      while (!stopped && (await hold(ctx, id))) {
        if (stopped || !(await applyNextPerson(ctx, id, started.request))) break;
        await yieldToRequests();
      }
    } finally {
      if (holding?.id === id && !stopped) await ctx.storage.bulkActions.release(ctx.workspaceId, id, owner);
      if (holding?.id === id) holding = null;
    }
  }

  return {
    run(ctx, id) {
      if (stopped || queued.has(id) || faulted.has(id)) return;
      queued.add(id);
      queue = queue
        .then(() => runToEnd(ctx, id))
        .catch((err: unknown) => {
          // Not a refusal (those are people's lines): a fault. What is left stays pending for the next start.
          faulted.add(id);
          log.error({ err, bulk_action_id: id }, 'bulk action stopped');
        })
        .finally(() => queued.delete(id));
    },
    idle: () => queue,
    stop() {
      stopped = true;
      // Now, before the database closes (server.ts): another process may go on at once, not a lease later.
      if (holding) {
        const { ctx, id } = holding;
        holding = null;
        // An async wrapper so a throw (a closed database) is a rejection; the release itself runs now.
        (async () => ctx.storage.bulkActions.release(ctx.workspaceId, id, owner))().catch((err: unknown) =>
          log.warn({ err, bulk_action_id: id }, 'bulk action lease not given up; it runs out'),
        );
      }
    },
  };
}
