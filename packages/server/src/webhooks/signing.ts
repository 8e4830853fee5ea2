import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signatures (docs/webhooks.md#verifying-a-webhook): HMAC-SHA256 over
 * `{webhook-id}.{webhook-timestamp}.{body}` with the secret's bytes, base64, as `v1,<signature>`.
 */

const PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and 32 random bytes in base64, as the specification serializes them. */
export const newWebhookSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

/** The HMAC key a secret stands for: the bytes after `whsec_`. */
const keyOf = (secret: string) =>
  Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');

/**
 * The `webhook-signature` header: one `v1,` signature per secret, space-delimited, so a receiver
 * still on the previous secret verifies during a rotation.
 */
export function webhookSignature(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const signed = `${id}.${timestampSeconds}.${body}`;
  return secrets.map((secret) => `v1,${createHmac('sha256', keyOf(secret)).update(signed).digest('base64')}`).join(' ');
}
