import { z } from 'zod';
import { text, Uuid } from './common.ts';

/**
 * What an API key may be granted (docs/surfaces.md#roles-and-scopes). Each tRPC procedure and REST route declares one scope
 * (packages/server/src/auth/scopes.ts); the web app offers them as checkboxes.
 */
export const API_KEY_SCOPES = [
  'agent_profiles.read',
  'agent_profiles.write',
  'evaluation_templates.read',
  'evaluation_templates.write',
  'evaluation_stages.read',
  'evaluation_stages.write',
  'participants.read',
  'participants.write',
  'participants.delete',
  'sessions.read',
  'sessions.write',
  'decisions.write',
  'events.read',
  'portal_links.write',
  'portal_notice.read',
  'portal_notice.write',
  'interviewer_model.write',
  'analytics.read',
  'demographics.write',
  'webhooks.write',
] as const;
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/** A scope, or `all` for every scope there is. */
export const ApiKeyScopeChoice = z.union([ApiKeyScope, z.literal('all')]);
export type ApiKeyScopeChoice = z.infer<typeof ApiKeyScopeChoice>;

export const CreateApiKeyInput = z.strictObject({
  name: text(100),
  scopes: z
    .array(ApiKeyScopeChoice)
    .min(1, 'choose at least one scope')
    .max(API_KEY_SCOPES.length + 1),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>;

export const RevokeApiKeyInput = z.strictObject({ id: Uuid });
export type RevokeApiKeyInput = z.input<typeof RevokeApiKeyInput>;

/** What a key's list entry says: it works (`active`), works until a roll's grace period ends, or stopped. */
export const API_KEY_STATUSES = ['active', 'expiring', 'expired', 'revoked'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

/** How long a rolled key keeps working unless the caller says otherwise, in hours. */
export const DEFAULT_ROLL_GRACE_HOURS = 24;
/** The longest grace period a roll may give the old key: 30 days. 0 stops it at once. */
export const MAX_ROLL_GRACE_HOURS = 24 * 30;

/** A new key with the same name and scopes; the old one keeps working for `grace_hours` (0 stops it now). */
export const RollApiKeyInput = z.strictObject({
  id: Uuid,
  grace_hours: z.int().min(0).max(MAX_ROLL_GRACE_HOURS).default(DEFAULT_ROLL_GRACE_HOURS),
});
export type RollApiKeyInput = z.input<typeof RollApiKeyInput>;
