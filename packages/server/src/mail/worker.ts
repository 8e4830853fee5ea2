import { randomUUID } from 'node:crypto';
import type { ClaimedMail } from '@stageflow/db';
import { afterMailAttempt } from '@stageflow/domain';
import type { Logger } from '../logger.ts';
import { type DigestDeps, writeDueDigests } from './digest.ts';
import { type MailSender, SMTP_TIMEOUTS } from './smtp.ts';

/**
 * Sends the mail outbox (docs/mail.md#sending): leases what is due (packages/db/src/leases.ts), sends
 * each message over SMTP outside any transaction, and records the outcome while it still holds the
 * lease: sent, tried again later (the domain's `afterMailAttempt`), or given up. Every step is in the
 * database, so a restart loses nothing and several processes share the outbox without sending a message
 * twice while their leases hold. It also writes each day's review digests.
 *
 * Time and the sender are given, so tests drive it with `tick()` and a clock of their own.
 */
export interface MailWorkerDeps extends DigestDeps {
  readonly send: MailSender;
  readonly log: Logger;
  readonly now?: () => string;
  /** How often it looks for due mail, in ms; it also looks at once when this process writes some (`wake`). */
  readonly pollMs?: number;
  /** How long a claim holds, in ms: longer than one try can take (SMTP_TIMEOUTS). */
  readonly leaseMs?: number;
  /** How many messages one tick takes. */
  readonly batch?: number;
  /** From this hour (UTC) each day, the review digests are written. */
  readonly digestHour: number;
  /** How often the digests are looked at, in ms. */
  readonly digestEveryMs?: number;
  /** This process's name on its leases. */
  readonly owner?: string;
}

export interface MailWorker {
  /** Sends what is due now and records each outcome; resolves with how many tries it made. */
  tick(): Promise<number>;
  /** Writes the review digests that are due; resolves with how many. */
  digests(): Promise<number>;
  /** Ticks every `pollMs`, looks at the digests every `digestEveryMs`, and ticks soon after `wake`. */
  start(): void;
  /** Tick soon: mail was just written in this process. */
  wake(): void;
  /** Stops its timers and waits for the tick in flight. */
  stop(): Promise<void>;
}

export const MAIL_WORKER_DEFAULTS = {
  pollMs: 5_000,
  // The longest a try takes is its connection, greeting and socket timeouts; twice that, so a slow
  // server never has a message taken over while it is still being sent.
  leaseMs: 2 * (SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout),
  batch: 10,
  digestEveryMs: 60_000,
} as const;

export function createMailWorker(deps: MailWorkerDeps): MailWorker {
  const now = deps.now ?? (() => new Date().toISOString());
  const owner = deps.owner ?? `mail:${randomUUID()}`;
  const { pollMs, leaseMs, batch, digestEveryMs } = {
    pollMs: deps.pollMs ?? MAIL_WORKER_DEFAULTS.pollMs,
    leaseMs: deps.leaseMs ?? MAIL_WORKER_DEFAULTS.leaseMs,
    batch: deps.batch ?? MAIL_WORKER_DEFAULTS.batch,
    digestEveryMs: deps.digestEveryMs ?? MAIL_WORKER_DEFAULTS.digestEveryMs,
  };

  async function deliver(mail: ClaimedMail): Promise<void> {
    const result = await deps.send({
      to: mail.to_address,
      toName: mail.to_name,
      subject: mail.subject,
      text: mail.text_body,
      html: mail.html_body,
      outboxId: mail.id,
    });
    const after = afterMailAttempt(result, mail.attempts + 1, now());
    const recorded = await deps.storage.mail.settle(mail.id, owner, after);
    if (!recorded) deps.log.warn({ mailId: mail.id }, 'mail lease ran out while sending: another worker has it now');
    else if (after.status === 'failed') deps.log.warn({ mailId: mail.id, error: after.last_error }, 'mail given up');
    else if (after.status === 'queued')
      deps.log.info({ mailId: mail.id, error: after.last_error }, 'mail will be retried');
  }

  async function tick(): Promise<number> {
    const at = now();
    const until = new Date(Date.parse(at) + leaseMs).toISOString();
    const claimed = await deps.storage.mail.claim({ owner, now: at, until }, batch);
    for (const mail of claimed) await deliver(mail);
    return claimed.length;
  }

  let timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let again = false;
  let stopped = true;

  /** One tick at a time; a wake during one runs another right after it. */
  function schedule(): void {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    running = (async () => {
      try {
        do {
          again = false;
          // A full batch means more may be due: keep going.
          let full = true;
          while (full && !stopped) full = (await tick()) === batch;
        } while (again && !stopped);
      } catch (error) {
        deps.log.error({ err: error }, 'mail worker tick failed; it tries again at its next poll');
      } finally {
        busy = false;
      }
    })();
  }

  async function digests(): Promise<number> {
    const written = await writeDueDigests(deps, now(), deps.digestHour);
    if (written > 0) schedule();
    return written;
  }

  return {
    tick,
    digests,
    wake: () => {
      if (!stopped) setImmediate(schedule);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      const every = (ms: number, work: () => void) => {
        const timer = setInterval(work, ms);
        timer.unref();
        timers.push(timer);
      };
      every(pollMs, schedule);
      const writeDigests = () => {
        digests().catch((error) => deps.log.error({ err: error }, 'writing the review digests failed'));
      };
      every(digestEveryMs, writeDigests);
      setImmediate(schedule);
      setImmediate(writeDigests);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      await running.catch(() => undefined);
    },
  };
}
