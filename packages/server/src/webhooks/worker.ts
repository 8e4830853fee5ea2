import { randomUUID } from 'node:crypto';
import type { StoragePort } from '@stageflow/db';
import { afterAttempt, signingSecrets } from '@stageflow/domain';
import type { SecretBox } from '../auth/secret-box.ts';
import type { Logger } from '../logger.ts';
import type { DisabledEndpointMailer } from './disabled-mail.ts';
import type { WebhookNotifier } from './notifier.ts';
import type { WebhookSender } from './sender.ts';
import { webhookSignature } from './signing.ts';

/**
 * Delivers the outbox (docs/webhooks.md#delivery-and-retries): leases what is due, signs each anew,
 * sends it, and records the attempt with what its answer means (the domain's `afterAttempt`). Every
 * step is in the database, so a restart loses nothing and several processes share the work without
 * sending one attempt twice (docs/webhooks.md#several-processes).
 *
 * Time, randomness and the sender are given, so tests drive it with `tick()` and a clock of their own.
 */
export interface WebhookWorkerDeps {
  readonly storage: StoragePort;
  /** Opens endpoints' sealed secrets (purpose `webhook signing secret`, bound to the endpoint's id). */
  readonly secrets: SecretBox;
  readonly send: WebhookSender;
  readonly notifier: WebhookNotifier;
  /** Mails an endpoint's disabling to its workspace's admins and owners; none when mail is not set up. */
  readonly disabledMail?: DisabledEndpointMailer | undefined;
  readonly log: Logger;
  readonly now?: () => string;
  readonly random?: () => number;
  /** Subscribes to "new deliveries were written in this process" (the outbox's `onEnqueued`). */
  readonly onEnqueued?: (listener: () => void) => () => void;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly retentionDays: number;
  /** How many deliveries one tick sends at once. */
  readonly batch?: number;
  /** This process's name on its leases. */
  readonly owner?: string;
}

export interface WebhookWorker {
  /** Sends what is due now and settles it; resolves with how many attempts it made. */
  tick(): Promise<number>;
  /** Forgets finished deliveries past the retention; resolves with how many. */
  sweep(): Promise<number>;
  /** Ticks every `pollMs`, and as soon as this process writes a delivery. */
  start(): void;
  /** Stops ticking and waits for the attempts in flight. */
  stop(): Promise<void>;
}

const SWEEP_EVERY_MS = 3_600_000;

export function createWebhookWorker(deps: WebhookWorkerDeps): WebhookWorker {
  const now = deps.now ?? (() => new Date().toISOString());
  const random = deps.random ?? Math.random;
  const owner = deps.owner ?? `worker:${randomUUID()}`;
  const batch = deps.batch ?? 10;

  async function deliver(claimed: Awaited<ReturnType<StoragePort['webhooks']['claim']>>[number]): Promise<void> {
    const { endpoint } = claimed;
    const startedAt = now();
    const secrets = signingSecrets(endpoint, startedAt).map((sealed) => deps.secrets.open(sealed, endpoint.id));
    const readable = secrets.filter((s): s is string => s !== undefined);
    const attempt = claimed.attempts_made + 1;
    const answer =
      readable.length === 0
        ? {
            status: null,
            retry_after: null,
            body: null,
            latency_ms: 0,
            error:
              "The endpoint's signing secret can no longer be read: the server's AUTH_SECRET changed. Rotate the secret.",
          }
        : await deps.send({
            url: endpoint.url,
            body: claimed.payload,
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Stageflow-Webhooks/1.0',
              'webhook-id': claimed.message_id,
              'webhook-timestamp': String(Math.floor(Date.parse(startedAt) / 1000)),
              'webhook-signature': webhookSignature(
                readable,
                claimed.message_id,
                Math.floor(Date.parse(startedAt) / 1000),
                claimed.payload,
              ),
            },
          });
    const settledAt = now();
    const settled = await deps.storage.webhooks.settle(
      claimed.id,
      owner,
      {
        attempt,
        started_at: startedAt,
        latency_ms: answer.latency_ms,
        status_code: answer.status,
        response_body: answer.body,
        error: answer.error,
        succeeded: answer.status !== null && answer.status >= 200 && answer.status < 300,
      },
      settledAt,
      ({ failing_since }) =>
        afterAttempt({
          answer: { status: answer.status, retry_after: answer.retry_after },
          attemptsMade: attempt,
          failingSince: failing_since,
          now: settledAt,
          random: random(),
        }),
      deps.disabledMail?.write,
    );
    if (!settled.recorded) {
      deps.log.warn({ deliveryId: claimed.id, attempt }, 'webhook delivery lease was lost: another process has it');
    }
    if (settled.disabled?.disabled_reason === 'gone' || settled.disabled?.disabled_reason === 'failing') {
      deps.disabledMail?.wake();
      try {
        await deps.notifier.endpointDisabled({
          workspaceId: settled.disabled.workspace_id,
          endpoint: settled.disabled,
          reason: settled.disabled.disabled_reason,
        });
      } catch (error) {
        deps.log.error(
          { err: error, endpointId: endpoint.id },
          'telling admins about a disabled webhook endpoint failed',
        );
      }
    }
  }

  let running: Promise<number> | null = null;
  let again = false;
  /** One tick at a time in a process; a wake-up during a tick runs one more after it. */
  function tick(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let attempts = 0;
      try {
        for (;;) {
          const at = now();
          const leaseUntil = new Date(Date.parse(at) + deps.leaseMs).toISOString();
          const claimed = await deps.storage.webhooks.claim(owner, at, leaseUntil, batch);
          if (claimed.length === 0) break;
          await Promise.all(claimed.map(deliver));
          attempts += claimed.length;
        }
      } catch (error) {
        deps.log.error({ err: error }, 'webhook delivery failed');
      } finally {
        running = null;
      }
      if (again) {
        again = false;
        attempts += await tick();
      }
      return attempts;
    })();
    return running;
  }

  const sweep = async () => {
    const before = new Date(Date.parse(now()) - deps.retentionDays * 86_400_000).toISOString();
    return deps.storage.webhooks.sweep(before);
  };

  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let stopped = true;
  let lastSweep = 0;
  const loop = async () => {
    timer = undefined;
    await tick();
    if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      await sweep().catch((error) => deps.log.error({ err: error }, 'sweeping the webhook log failed'));
    }
    if (!stopped) schedule();
  };
  function schedule() {
    timer = setTimeout(() => void loop(), deps.pollMs);
    timer.unref();
  }

  return {
    tick,
    sweep,
    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribe = deps.onEnqueued?.(() => void tick());
      void loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      await running;
    },
  };
}
