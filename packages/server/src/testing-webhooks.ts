import { randomUUID } from 'node:crypto';
import type { CreateWebhookEndpointInput } from '@stageflow/domain';
import { HOUR_MS, startWebhookReceiver } from '@stageflow/testing';
import { createLogger } from './logger.ts';
import { type MailDeps, mailNotSetUp } from './mail/deps.ts';
import { setupEngineApi } from './testing.ts';
import { buildPipeline, person } from './testing-pipeline.ts';
import { webhookDeps } from './webhooks/deps.ts';
import { disabledEndpointMailer } from './webhooks/disabled-mail.ts';
import type { DisabledEndpoint } from './webhooks/notifier.ts';
import { createWebhookSender } from './webhooks/sender.ts';
import { createWebhookWorker } from './webhooks/worker.ts';

/**
 * The webhook tests' kit: the API on a fresh database of the engine this run tests, a receiver on loopback that verifies signatures
 * with `standardwebhooks`, and a worker the test drives with `tick()` on a clock of its own. The clock
 * starts at the real time, since receivers refuse a `webhook-timestamp` more than five minutes off.
 */
export async function setupWebhooks({
  timeoutMs = 5_000,
  mail = mailNotSetUp,
}: {
  timeoutMs?: number;
  /** Mail not set up unless a test says: with it, a disabled endpoint is mailed to admins and owners. */
  mail?: MailDeps;
} = {}) {
  let nowMs = Date.now();
  const clock = {
    now: () => new Date(nowMs).toISOString(),
    advance(ms: number) {
      nowMs += ms;
    },
    advanceHours(hours: number) {
      nowMs += hours * HOUR_MS;
    },
  };
  const webhooks = webhookDeps({ settings: { allowPrivateNetworks: true, timeoutMs } });
  // The worker claims every workspace's deliveries: on PostgreSQL the test needs a database of its own.
  const t = await setupEngineApi({ now: clock.now, webhooks, mail, ownDatabase: true });
  const receiver = await startWebhookReceiver();
  const disabled: DisabledEndpoint[] = [];
  const workerFor = (owner: string) =>
    createWebhookWorker({
      storage: t.deps.storage,
      secrets: webhooks.secrets,
      send: createWebhookSender({ timeoutMs, allowPrivateNetworks: true }),
      notifier: { endpointDisabled: (notice) => void disabled.push(notice) },
      disabledMail: disabledEndpointMailer({ mail, publicUrl: t.deps.publicUrl, newId: randomUUID, now: clock.now }),
      log: createLogger('silent'),
      now: clock.now,
      random: () => 0.5,
      // This process's wake-up, as the server gives it (server.ts); it answers at once on either engine.
      onEnqueued: (listener) => t.deps.reads.webhooks.outbox.onEnqueued(listener) as () => void,
      leaseMs: timeoutMs + 1_000,
      // A minute: a worker started in a test sends within it only when woken.
      pollMs: 60_000,
      retentionDays: 30,
      // Small batches, so that two workers ticking together take turns.
      batch: 2,
      owner,
    });
  const worker = workerFor('worker:test');

  /** An endpoint at the receiver (all types unless told), its secret given to the receiver. */
  async function addEndpoint(input: Partial<CreateWebhookEndpointInput> = {}) {
    const created = await t.api.webhooks.create({ url: receiver.url, ...input });
    receiver.secrets = [created.secret];
    return created;
  }

  /** A participant enrolled in a one-stage pipeline: one `participant.enrolled`. */
  async function enrol() {
    const { template } = await buildPipeline(t.api, [{ type: 'screen', pass_threshold: 60, automation_rule: 'none' }]);
    return t.api.participants.create({ evaluation_template_id: template.id, ...person() });
  }

  const log = (endpointId: string) => t.api.webhooks.deliveries({ id: endpointId });

  return {
    ...t,
    clock,
    receiver,
    worker,
    workerFor,
    disabled,
    addEndpoint,
    enrol,
    log,
    close: () => receiver.close(),
  };
}
