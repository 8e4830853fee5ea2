import { randomBytes } from 'node:crypto';
import { createSecretBox, type SecretBox } from '../auth/secret-box.ts';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './settings.ts';

/** What the webhook commands and the worker need from the server: one per process. */
export interface WebhookDeps {
  /** Seals endpoints' signing secrets under a key derived from the server's secret (auth/secret-box.ts). */
  readonly secrets: SecretBox;
  readonly settings: WebhookSettings;
}

/** Each purpose derives its own key from the server's secret. */
const KEY_PURPOSE = 'webhook signing secret';

/**
 * `secret` is the server's (`AUTH_SECRET`, or the one kept beside the database), so sealed secrets open
 * after a restart and in every process on the same database. Without one (tests), a random one.
 */
export function webhookDeps(
  options: { readonly secret?: string | undefined; readonly settings?: Partial<WebhookSettings> | undefined } = {},
): WebhookDeps {
  return {
    secrets: createSecretBox(options.secret ?? randomBytes(32).toString('base64url'), KEY_PURPOSE),
    settings: { ...DEFAULT_WEBHOOK_SETTINGS, ...options.settings },
  };
}
