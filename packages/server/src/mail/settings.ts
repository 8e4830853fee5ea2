/**
 * Outgoing mail's settings (README, Settings; docs/mail.md#settings): `SMTP_URL` (where to send),
 * `MAIL_FROM` (who it is from) and `MAIL_DIGEST_HOUR` (when the daily digest goes, UTC). Without
 * `SMTP_URL` mail is not set up: messages are kept in the outbox for owners to read, and nothing is
 * sent. A wrong value is never fatal; `problems` are for the operator's log and never hold the password.
 */
export interface MailSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://…:465` (TLS from the start). */
  readonly smtpUrl: string;
  /** The From header: `Stageflow <no-reply@example.com>` or a bare address. */
  readonly from: string;
}

export interface MailEnvironment {
  /** Null when mail is not set up. */
  readonly settings: MailSettings | null;
  /** From this hour (0–23, UTC) each day, reviewers who asked for it get the digest. */
  readonly digestHour: number;
  readonly problems: readonly string[];
}

export const DEFAULT_DIGEST_HOUR = 8;

/** `Name <a@b.c>` or `a@b.c`: one address, no line breaks (it goes into a header). */
const FROM = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

/** The URL without its password, for the log. */
export function describeSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}`;
  } catch {
    return 'an SMTP URL that does not parse';
  }
}

export function mailSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): MailEnvironment {
  const problems: string[] = [];
  const hourText = env.MAIL_DIGEST_HOUR?.trim();
  let digestHour = DEFAULT_DIGEST_HOUR;
  if (hourText) {
    const hour = Number(hourText);
    if (Number.isInteger(hour) && hour >= 0 && hour <= 23) digestHour = hour;
    else
      problems.push(
        `MAIL_DIGEST_HOUR must be a whole hour from 0 to 23 (UTC): the digest goes from ${DEFAULT_DIGEST_HOUR}:00 UTC.`,
      );
  }
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  const from = env.MAIL_FROM?.trim() || undefined;
  const off = 'mail is not set up: messages are kept in the outbox (Developer → Mail) and not sent';
  if (!smtpUrl) {
    if (from) problems.push(`MAIL_FROM is set but SMTP_URL is not: ${off}.`);
    return { settings: null, digestHour, problems };
  }
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    problems.push(`SMTP_URL does not parse as a URL (smtp://user:password@host:587): ${off}.`);
    return { settings: null, digestHour, problems };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    problems.push(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//: ${off}.`);
    return { settings: null, digestHour, problems };
  }
  if (!from) {
    problems.push(
      `SMTP_URL is set but MAIL_FROM is not: set the address mail comes from (MAIL_FROM="Stageflow <no-reply@example.com>"); ${off}.`,
    );
    return { settings: null, digestHour, problems };
  }
  if (!FROM.test(from)) {
    problems.push(`MAIL_FROM must be one address, like "Stageflow <no-reply@example.com>": ${off}.`);
    return { settings: null, digestHour, problems };
  }
  return { settings: { smtpUrl, from }, digestHour, problems };
}
