import type { MailAttemptResult } from '@stageflow/domain';
import { createTransport } from 'nodemailer';
import { describeSmtpUrl, type MailSettings } from './settings.ts';

/** One message as the worker hands it to the transport. */
export interface OutgoingMail {
  readonly to: string;
  readonly toName: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The outbox row's id: a header, so a message can be traced from a mailbox back to the outbox. */
  readonly outboxId: string;
}

/** Sends one message; never throws: a failure is a result, with whether trying again could help. */
export type MailSender = (mail: OutgoingMail) => Promise<MailAttemptResult>;

/** How long a try may take at most, in all: the worker's lease must outlast it. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

interface SmtpError extends Error {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
}

/**
 * What went wrong, for the owner reading the outbox: the server's own reply when it answered, else
 * what the connection did. A 5xx reply to the message (an unknown mailbox, a refused sender) is final;
 * a failed sign-in is not, since it is the server's settings to fix, after which the message should go.
 */
export function describeSmtpFailure(error: unknown, smtpUrl: string): { error: string; permanent: boolean } {
  const e = error as SmtpError;
  const where = describeSmtpUrl(smtpUrl);
  if (typeof e.responseCode === 'number') {
    const reply = (e.response ?? e.message).trim();
    if (e.code === 'EAUTH')
      return { error: `The SMTP server ${where} refused the sign-in: ${reply}`, permanent: false };
    return { error: `The SMTP server ${where} answered: ${reply}`, permanent: e.responseCode >= 500 };
  }
  const words: Record<string, string> = {
    ECONNECTION: 'could not connect',
    ETIMEDOUT: 'did not answer in time',
    ESOCKET: 'the connection failed',
    EDNS: 'its name could not be resolved',
    ETLS: 'the TLS handshake failed',
  };
  const what = /ECONNREFUSED/.test(e.message)
    ? 'the connection was refused (is it running?)'
    : /ENOTFOUND|EAI_AGAIN/.test(e.message)
      ? 'its name could not be resolved'
      : ((e.code && words[e.code]) ?? 'sending failed');
  return { error: `The SMTP server ${where}: ${what} (${e.message})`, permanent: false };
}

/** The transport for `SMTP_URL` (nodemailer: docs/decisions/030-outgoing-mail.md). One connection per message. */
export function createSmtpSender(settings: MailSettings): MailSender {
  const transport = createTransport({ url: settings.smtpUrl, ...SMTP_TIMEOUTS });
  return async (mail) => {
    try {
      const info = await transport.sendMail({
        from: settings.from,
        to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'X-Stageflow-Outbox-Id': mail.outboxId },
      });
      return { ok: true, message_id: typeof info.messageId === 'string' ? info.messageId : null };
    } catch (error) {
      return { ok: false, ...describeSmtpFailure(error, settings.smtpUrl) };
    }
  };
}
