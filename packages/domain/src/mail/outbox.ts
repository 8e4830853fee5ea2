import type { MailStatus } from '../schemas/mail.ts';

/**
 * The rules of the mail outbox (docs/mail.md#retries): when a message that failed is tried again, when
 * it is given up, when a reviewer's digest is due, and what of a message is kept once it is sent.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * How long to wait after each failed try before the next: about a day in all, so an SMTP server down
 * overnight still gets the mail in the morning. After the last, the message is given up (`failed`).
 */
export const MAIL_RETRY_DELAYS_MS: readonly number[] = [
  MINUTE_MS,
  5 * MINUTE_MS,
  15 * MINUTE_MS,
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
];
/** Tries in all: the first and one after each delay. */
export const MAX_MAIL_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;

/** What a try of sending came to, as the SMTP client saw it. */
export type MailAttemptResult =
  | { readonly ok: true; readonly message_id: string | null }
  | {
      readonly ok: false;
      readonly error: string;
      /**
       * The server refused this message for good (an SMTP 5xx reply, such as an unknown mailbox): trying
       * again would get the same answer. Anything else (no connection, a timeout, a 4xx) is tried again.
       */
      readonly permanent: boolean;
    };

/** Where the message stands after a try: sent, waiting for its next try, or given up. */
export interface MailSettlement {
  readonly status: Extract<MailStatus, 'queued' | 'sent' | 'failed'>;
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly last_error: string | null;
  readonly sent_at: string | null;
  readonly smtp_message_id: string | null;
}

/** `attempts` counts the try just made. */
export function afterMailAttempt(result: MailAttemptResult, attempts: number, now: string): MailSettlement {
  if (result.ok) {
    return {
      status: 'sent',
      attempts,
      next_attempt_at: null,
      last_error: null,
      sent_at: now,
      smtp_message_id: result.message_id,
    };
  }
  const delay = result.permanent ? undefined : MAIL_RETRY_DELAYS_MS[attempts - 1];
  return {
    status: delay === undefined ? 'failed' : 'queued',
    attempts,
    next_attempt_at: delay === undefined ? null : new Date(Date.parse(now) + delay).toISOString(),
    last_error: result.error.slice(0, 1000),
    sent_at: null,
    smtp_message_id: null,
  };
}

/** A portal link's token (`sfp_` and 43 base64url characters) wherever it appears in a message. */
const PORTAL_TOKEN = /sfp_[A-Za-z0-9_-]{20,}/g;

/**
 * What is kept of a message once it has left (sent or given up): the same text with every portal link
 * token cut to its prefix, so the database keeps no working link once it is no longer needed to send
 * (links are otherwise stored only as a hash: docs/entities.md#portal-link).
 */
export const redactSentMail = (body: string) => body.replace(PORTAL_TOKEN, 'sfp_…');

/** The UTC day a moment falls on, `YYYY-MM-DD`: a digest is sent at most once per member per day. */
export const digestDay = (now: string) => now.slice(0, 10);

/** Whether the day's digest may go out yet: from `hour` o'clock UTC on (0–23). */
export const digestDue = (now: string, hour: number) => new Date(now).getUTCHours() >= hour;

/** The outbox's key for a member's digest of a day, so two processes never write it twice. */
export const digestKey = (userId: string, now: string) => `review_digest:${userId}:${digestDay(now)}`;
