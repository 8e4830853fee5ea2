import { z } from 'zod';
import { conflict, type DomainError } from '../errors.ts';
import { optionalText, Text, Uuid } from '../schemas/common.ts';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from './event-types.ts';

/**
 * A workspace's webhook endpoints (docs/entities.md#webhook-endpoint): where to send, what, and the
 * signing secret's lifecycle. Making the secret and sealing it is the server's (crypto); these rules
 * say what a change does to the endpoint.
 */

/** How long the secret before a rotation keeps signing beside the new one. */
export const WEBHOOK_SECRET_OVERLAP_HOURS = 24;
/** A workspace's endpoints at most: each event is one delivery per endpoint. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

/** An http(s) address without user name or password, at most 2,000 characters. */
export const WebhookUrl = Text.trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !!url.hostname
      );
    } catch {
      return false;
    }
  }, 'use an http:// or https:// address such as "https://example.com/webhooks", without a user name or password');

/** Empty means every type; repeats are dropped and the list kept in the types' own order. */
const EventTypes = z
  .array(WebhookEventType)
  .max(WEBHOOK_EVENT_TYPES.length * 2)
  .transform((types) => WEBHOOK_EVENT_TYPES.filter((t) => types.includes(t)));

export const CreateWebhookEndpointInput = z.strictObject({
  url: WebhookUrl,
  event_types: EventTypes.default([]),
  description: optionalText(500),
  enabled: z.boolean().default(true),
});
export type CreateWebhookEndpointInput = z.input<typeof CreateWebhookEndpointInput>;

export const UpdateWebhookEndpointInput = z.strictObject({
  id: Uuid,
  url: WebhookUrl.optional(),
  event_types: EventTypes.optional(),
  description: optionalText(500),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookEndpointInput = z.input<typeof UpdateWebhookEndpointInput>;

export const WebhookEndpointRef = z.strictObject({ id: Uuid });

/** Why an endpoint is off: it answered 410 Gone, it failed for 5 days, or a person turned it off. */
export const WEBHOOK_DISABLED_REASONS = ['gone', 'failing', 'manual'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

/** An endpoint as stored; `S` is the sealed secret's type (the rules never read it). */
export interface WebhookEndpointRecord<S = string> {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly event_types: readonly WebhookEventType[];
  readonly enabled: boolean;
  readonly disabled_reason: WebhookDisabledReason | null;
  readonly disabled_at: string | null;
  /** Since when every attempt failed; null after a success. */
  readonly failing_since: string | null;
  readonly secret: S;
  /** The secret before the last rotation, signing beside the new one until `previous_secret_expires_at`. */
  readonly previous_secret: S | null;
  readonly previous_secret_expires_at: string | null;
  readonly created_by: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** An endpoint as answered: never a secret, only until when a rotated-out one still signs. */
export const WebhookEndpoint = z.object({
  id: Uuid,
  url: z.string(),
  description: z.string(),
  event_types: z.array(WebhookEventType).meta({ description: 'The types it receives; empty means every type' }),
  enabled: z.boolean(),
  disabled_reason: z.enum(WEBHOOK_DISABLED_REASONS).nullable(),
  disabled_at: z.string().nullable(),
  failing_since: z.string().nullable(),
  previous_secret_expires_at: z
    .string()
    .nullable()
    .meta({ description: 'After a rotation: until when the previous secret signs beside the new one' }),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const webhookEndpointView = (record: WebhookEndpointRecord<unknown>, now: string): WebhookEndpoint => ({
  id: record.id,
  url: record.url,
  description: record.description,
  event_types: [...record.event_types],
  enabled: record.enabled,
  disabled_reason: record.disabled_reason,
  disabled_at: record.disabled_at,
  failing_since: record.failing_since,
  previous_secret_expires_at:
    record.previous_secret_expires_at && record.previous_secret_expires_at > now
      ? record.previous_secret_expires_at
      : null,
  created_by: record.created_by,
  created_at: record.created_at,
  updated_at: record.updated_at,
});

/** A new endpoint, enabled unless asked otherwise. */
export function newWebhookEndpoint<S>(
  input: z.output<typeof CreateWebhookEndpointInput>,
  ctx: { readonly id: string; readonly secret: S; readonly now: string; readonly actor: string },
): WebhookEndpointRecord<S> {
  return {
    id: ctx.id,
    url: input.url,
    description: input.description ?? '',
    event_types: input.event_types,
    enabled: input.enabled,
    disabled_reason: input.enabled ? null : 'manual',
    disabled_at: input.enabled ? null : ctx.now,
    failing_since: null,
    secret: ctx.secret,
    previous_secret: null,
    previous_secret_expires_at: null,
    created_by: ctx.actor,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
}

/**
 * An edit: fields left out stay. Turning an endpoint on clears why it was off and its failure streak
 * (a fresh start); turning it off is `manual`.
 */
export function editWebhookEndpoint<S>(
  before: WebhookEndpointRecord<S>,
  input: z.output<typeof UpdateWebhookEndpointInput>,
  now: string,
): WebhookEndpointRecord<S> {
  const enabled = input.enabled ?? before.enabled;
  const switched = enabled !== before.enabled;
  return {
    ...before,
    url: input.url ?? before.url,
    event_types: input.event_types ?? before.event_types,
    description: input.description ?? before.description,
    enabled,
    disabled_reason: enabled ? null : switched ? 'manual' : before.disabled_reason,
    disabled_at: enabled ? null : switched ? now : before.disabled_at,
    failing_since: switched && enabled ? null : before.failing_since,
    updated_at: now,
  };
}

/** A new secret; the current one keeps signing beside it for WEBHOOK_SECRET_OVERLAP_HOURS. */
export function rotateWebhookSecret<S>(
  before: WebhookEndpointRecord<S>,
  secret: S,
  now: string,
): WebhookEndpointRecord<S> {
  return {
    ...before,
    secret,
    previous_secret: before.secret,
    previous_secret_expires_at: new Date(Date.parse(now) + WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000).toISOString(),
    updated_at: now,
  };
}

/** The secrets that sign a message sent at `now`: the current one, and the previous one during its overlap. */
export function signingSecrets<S>(endpoint: WebhookEndpointRecord<S>, now: string): S[] {
  const overlap =
    endpoint.previous_secret !== null &&
    endpoint.previous_secret_expires_at !== null &&
    endpoint.previous_secret_expires_at > now;
  return overlap ? [endpoint.secret, endpoint.previous_secret as S] : [endpoint.secret];
}

/** An endpoint that is off takes no test event and no replay: turn it on first. */
export function refuseDisabledEndpoint(endpoint: WebhookEndpointRecord<unknown>, what: string): DomainError | null {
  return endpoint.enabled ? null : conflict(`The endpoint ${endpoint.url} is disabled: enable it before ${what}`);
}

/** A workspace has at most MAX_WEBHOOK_ENDPOINTS endpoints. */
export const refuseEndpointLimit = (count: number): DomainError | null =>
  count >= MAX_WEBHOOK_ENDPOINTS
    ? conflict(`A workspace has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints: delete one first`)
    : null;

/** What Send test event sends: the endpoint's id and a sentence a person reading their logs understands. */
export const webhookTestEvent = (endpointId: string, now: string) => ({
  type: 'webhook.test' as const,
  timestamp: now,
  data: {
    endpoint_id: endpointId,
    message: 'A test event from Stageflow: this endpoint receives webhooks and its signature checks out.',
  },
});
