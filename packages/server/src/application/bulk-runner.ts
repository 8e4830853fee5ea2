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
 */
export interface BulkRunner {
  /** Queues the action, run as `ctx` says (its workspace, actor and clock); answers at once. Queued twice runs once. */
  run(ctx: MailAppContext, bulkActionId: string): void;
  /** Settles once every action queued so far has run, or the runner was stopped. */
  idle(): Promise<void>;
  /** Stops before the next person: what is left stays pending for the next start. */
  stop(): void;
}

export function createBulkRunner(log: Logger): BulkRunner {
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const queued = new Set<string>();

  async function runToEnd(ctx: MailAppContext, id: string) {
    const started = ctx.repos.bulkActions.request(ctx.workspaceId, id);
    if (started?.status !== 'running') return;
    while (!stopped && (await applyNextPerson(ctx, id, started.request))) {
      await yieldToRequests();
    }
  }

  return {
    run(ctx, id) {
      if (stopped || queued.has(id)) return;
      queued.add(id);
      queue = queue
        .then(() => runToEnd(ctx, id))
        .catch((err: unknown) => {
          // Not a refusal (those are people's lines): a fault. What is left stays pending for the next start.
          log.error({ err, bulk_action_id: id }, 'bulk action stopped');
        })
        .finally(() => queued.delete(id));
    },
    idle: () => queue,
    stop() {
      stopped = true;
    },
  };
}
