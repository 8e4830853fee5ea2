import { describe, expect, it } from 'vitest';
import {
  CreateWebhookEndpointInput,
  editWebhookEndpoint,
  newWebhookEndpoint,
  refuseDisabledEndpoint,
  rotateWebhookSecret,
  signingSecrets,
  UpdateWebhookEndpointInput,
  webhookEndpointView,
} from './endpoints.ts';
import { endpointWants } from './event-types.ts';

const NOW = '2026-03-02T09:00:00.000Z';
const ID = '00000000-0000-4000-8000-000000000001';
const hours = (h: number) => new Date(Date.parse(NOW) + h * 3_600_000).toISOString();
const created = (input: Record<string, unknown> = {}) =>
  newWebhookEndpoint(CreateWebhookEndpointInput.parse({ url: 'https://hooks.example.com/in', ...input }), {
    id: ID,
    secret: 'sealed-1',
    now: NOW,
    actor: 'user:1',
  });

describe('endpoint input', () => {
  it('takes http(s) addresses without credentials; event types are deduplicated in their own order', () => {
    expect(
      CreateWebhookEndpointInput.parse({
        url: 'https://hooks.example.com/in',
        event_types: ['stage.created', 'participant.enrolled', 'stage.created'],
      }),
    ).toEqual({
      url: 'https://hooks.example.com/in',
      event_types: ['participant.enrolled', 'stage.created'],
      enabled: true,
    });
    for (const url of [
      'ftp://example.com/x',
      'https://user:pw@example.com/x',
      'example.com/x',
      'javascript:alert(1)',
    ]) {
      const result = CreateWebhookEndpointInput.safeParse({ url });
      expect(result.success, url).toBe(false);
      expect(result.error?.issues[0]?.path, url).toEqual(['url']);
    }
    expect(
      CreateWebhookEndpointInput.safeParse({ url: 'https://a.example', event_types: ['user.created'] }).success,
    ).toBe(false);
  });
});

describe('endpoint rules', () => {
  it('an empty subscription is every type, else only those listed', () => {
    expect(endpointWants([], 'stage.archived')).toBe(true);
    expect(endpointWants(['stage.created'], 'stage.archived')).toBe(false);
    expect(endpointWants(['stage.created'], 'stage.created')).toBe(true);
  });

  it('turning an endpoint off is manual; turning it on again clears why it was off and its failure streak', () => {
    const gone = {
      ...created(),
      enabled: false,
      disabled_reason: 'gone' as const,
      disabled_at: NOW,
      failing_since: NOW,
    };
    expect(
      editWebhookEndpoint(gone, UpdateWebhookEndpointInput.parse({ id: ID, description: 'CRM' }), hours(1)),
    ).toMatchObject({
      enabled: false,
      disabled_reason: 'gone',
      description: 'CRM',
    });
    const on = editWebhookEndpoint(gone, UpdateWebhookEndpointInput.parse({ id: ID, enabled: true }), hours(1));
    expect(on).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null, failing_since: null });
    expect(
      editWebhookEndpoint(on, UpdateWebhookEndpointInput.parse({ id: ID, enabled: false }), hours(2)),
    ).toMatchObject({
      enabled: false,
      disabled_reason: 'manual',
      disabled_at: hours(2),
    });
    expect(refuseDisabledEndpoint(gone, 'replaying')?.code).toBe('CONFLICT');
    expect(refuseDisabledEndpoint(on, 'replaying')).toBeNull();
  });

  it('after a rotation both secrets sign for 24 hours, then only the new one', () => {
    const rotated = rotateWebhookSecret(created(), 'sealed-2', NOW);
    expect(signingSecrets(rotated, hours(23.9))).toEqual(['sealed-2', 'sealed-1']);
    expect(signingSecrets(rotated, hours(24))).toEqual(['sealed-2']);
    expect(webhookEndpointView(rotated, hours(1)).previous_secret_expires_at).toBe(hours(24));
    expect(webhookEndpointView(rotated, hours(25)).previous_secret_expires_at).toBeNull();
    expect(webhookEndpointView(rotated, NOW)).not.toHaveProperty('secret');
  });
});
