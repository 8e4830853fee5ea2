import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@stageflow/domain';
import type { RouterOutputs } from '../../app/trpc.ts';
import type { BadgeTone } from '../../ui/Badge.tsx';

export type WebhookEndpoint = RouterOutputs['webhooks']['list'][number];
export type WebhookDelivery = RouterOutputs['webhooks']['deliveries']['items'][number];

/** The event types grouped as the form offers them, in the domain's order. */
export const EVENT_TYPE_GROUPS: readonly { label: string; types: readonly WebhookEventType[] }[] = [
  { label: 'Participants', types: WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith('participant.')) },
  { label: 'Sessions', types: WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith('session.')) },
  { label: 'Decisions', types: WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith('decision.')) },
  { label: 'Stages', types: WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith('stage.')) },
];

/** "All events", or the types it receives. */
export const describeEventTypes = (types: readonly string[]): string[] =>
  types.length === 0 ? ['All events'] : [...types];

/** Whether an endpoint is on, and if not, who turned it off and why, in a few words. */
export function endpointState(endpoint: Pick<WebhookEndpoint, 'enabled' | 'disabled_reason'>): {
  label: string;
  tone: BadgeTone;
  why: string | null;
} {
  if (endpoint.enabled) return { label: 'Enabled', tone: 'success', why: null };
  switch (endpoint.disabled_reason) {
    case 'gone':
      return { label: 'Disabled', tone: 'danger', why: 'It answered 410 Gone, so Stageflow stopped sending to it.' };
    case 'failing':
      return {
        label: 'Disabled',
        tone: 'danger',
        why: 'Every delivery to it failed for 5 days, so Stageflow stopped sending to it.',
      };
    default:
      return { label: 'Disabled', tone: 'neutral', why: 'Turned off by a person.' };
  }
}

/** Endpoints Stageflow turned off by itself: the list's banner names them. */
export const disabledByStageflow = (endpoints: readonly WebhookEndpoint[]) =>
  endpoints.filter((e) => !e.enabled && (e.disabled_reason === 'gone' || e.disabled_reason === 'failing'));

export const DELIVERY_BADGES: Record<WebhookDelivery['status'], { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending', tone: 'info' },
  succeeded: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** The last attempt's answer in short: "200 · 35 ms", "No answer", or "Not sent yet". */
export function lastAnswer(delivery: WebhookDelivery): string {
  const last = delivery.attempts.at(-1);
  if (!last) return 'Not sent yet';
  const status = last.status_code === null ? 'No answer' : String(last.status_code);
  return `${status} · ${last.latency_ms} ms`;
}

/** A body as sent, indented for reading when it is JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
