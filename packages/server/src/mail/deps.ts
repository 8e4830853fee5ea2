import type { MailSetup, MailStatus } from '@stageflow/domain';

/** What commands that write mail need to know of it: one per process (docs/mail.md). */
export interface MailDeps {
  /** Whether the server can send (SMTP settings), and from whom. */
  readonly setup: MailSetup;
  /** Tells this process's worker that mail was just written, so it need not wait for its next poll. */
  readonly wake: () => void;
}

/** Mail not set up: every message is kept in the outbox, and nothing is sent. */
export const mailNotSetUp: MailDeps = { setup: { configured: false, from: null }, wake: () => {} };

/**
 * A new message waits for the worker when mail is set up; otherwise it is kept, never to be sent by
 * itself (a link sent by hand meanwhile must not arrive again later: docs/mail.md#statuses).
 */
export const newMailStatus = (mail: MailDeps): Extract<MailStatus, 'queued' | 'not_sent'> =>
  mail.setup.configured ? 'queued' : 'not_sent';
