import { describe, expect, test } from 'vitest';
import {
  describeEventTypes,
  disabledByStageflow,
  EVENT_TYPE_GROUPS,
  endpointState,
  lastAnswer,
  prettyJson,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhooks.ts';

const endpoint = (over: Partial<WebhookEndpoint>) =>
  ({ enabled: true, disabled_reason: null, ...over }) as WebhookEndpoint;

describe('webhook labels', () => {
  test('every event type is offered once, grouped', () => {
    const all = EVENT_TYPE_GROUPS.flatMap((g) => g.types);
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
  });

  test('an empty subscription reads as all events', () => {
    expect(describeEventTypes([])).toEqual(['All events']);
    expect(describeEventTypes(['stage.created'])).toEqual(['stage.created']);
  });

  test('why an endpoint is off; only what Stageflow turned off is flagged', () => {
    expect(endpointState(endpoint({}))).toMatchObject({ label: 'Enabled', why: null });
    expect(endpointState(endpoint({ enabled: false, disabled_reason: 'gone' })).why).toMatch(/410 Gone/);
    expect(endpointState(endpoint({ enabled: false, disabled_reason: 'failing' })).why).toMatch(/5 days/);
    expect(endpointState(endpoint({ enabled: false, disabled_reason: 'manual' })).tone).toBe('neutral');
    const list = [
      endpoint({ id: 'a', enabled: false, disabled_reason: 'manual' }),
      endpoint({ id: 'b', enabled: false, disabled_reason: 'gone' }),
    ];
    expect(disabledByStageflow(list).map((e) => e.id)).toEqual(['b']);
  });

  test("a delivery's last answer in short, and bodies pretty when they are JSON", () => {
    const attempt = { attempt: 1, started_at: '', latency_ms: 35, response_body: '', error: null, succeeded: true };
    expect(lastAnswer({ attempts: [] } as unknown as WebhookDelivery)).toBe('Not sent yet');
    expect(lastAnswer({ attempts: [{ ...attempt, status_code: 200 }] } as unknown as WebhookDelivery)).toBe(
      '200 · 35 ms',
    );
    expect(lastAnswer({ attempts: [{ ...attempt, status_code: null }] } as unknown as WebhookDelivery)).toBe(
      'No answer · 35 ms',
    );
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('not json')).toBe('not json');
  });
});
