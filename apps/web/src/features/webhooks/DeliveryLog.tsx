import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { formatDateTime } from '../../lib/format.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { DELIVERY_BADGES, lastAnswer, prettyJson, type WebhookDelivery, type WebhookEndpoint } from './webhooks.ts';

const STATUS_FILTERS = [
  { value: undefined, label: 'All' },
  { value: 'failed', label: 'Failed' },
  { value: 'pending', label: 'Pending' },
  { value: 'succeeded', label: 'Delivered' },
] as const;

/** Refreshed every few seconds while something is on its way, so a test event shows up on its own. */
const LIVE_MS = 2_000;

/** The endpoint's deliveries, newest first, each opening onto its attempts, what was sent, and Replay. */
export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [status, setStatus] = useState<(typeof STATUS_FILTERS)[number]['value']>();
  const query = trpc.webhooks.deliveries.useInfiniteQuery(
    { id: endpoint.id, limit: 25, ...(status ? { status } : {}) },
    {
      getNextPageParam: (page) => page.next_cursor ?? undefined,
      refetchInterval: (q) =>
        q.state.data?.pages.some((p) => p.items.some((d) => d.status === 'pending')) ? LIVE_MS : false,
    },
  );
  const pages = { ...query, data: query.data?.pages.flatMap((p) => p.items) };
  // An attempt can change the endpoint too (a 410 disables it): read it again with each new log.
  const utils = trpc.useUtils();
  useEffect(() => {
    if (query.dataUpdatedAt > 0) void utils.webhooks.byId.invalidate({ id: endpoint.id });
  }, [query.dataUpdatedAt, utils, endpoint.id]);

  return (
    <section className="webhook-log" aria-labelledby="webhook-log-title">
      <div className="webhook-log-head">
        <h2 id="webhook-log-title" className="section-title">
          Delivery log
        </h2>
        <div className="webhook-log-tools">
          <label className="visually-hidden" htmlFor="delivery-status">
            Show
          </label>
          <select
            id="delivery-status"
            value={status ?? ''}
            onChange={(e) => setStatus((e.target.value || undefined) as typeof status)}
          >
            {STATUS_FILTERS.map((f) => (
              <option key={f.label} value={f.value ?? ''}>
                {f.label}
              </option>
            ))}
          </select>
          <Button size="sm" onClick={() => query.refetch()} pending={query.isRefetching}>
            Refresh
          </Button>
        </div>
      </div>
      <QueryGate query={pages} loading="Loading deliveries">
        {(deliveries) =>
          deliveries.length === 0 ? (
            <EmptyState title="No deliveries yet">
              Deliveries appear here as events happen, and are kept for 30 days. Send a test event to see one now.
            </EmptyState>
          ) : (
            <>
              <ul className="webhook-deliveries">
                {deliveries.map((delivery) => (
                  <DeliveryItem key={delivery.id} endpoint={endpoint} delivery={delivery} />
                ))}
              </ul>
              {query.hasNextPage && (
                <Button onClick={() => query.fetchNextPage()} pending={query.isFetchingNextPage}>
                  Show older deliveries
                </Button>
              )}
            </>
          )
        }
      </QueryGate>
    </section>
  );
}

function DeliveryItem({ endpoint, delivery }: { endpoint: WebhookEndpoint; delivery: WebhookDelivery }) {
  const utils = trpc.useUtils();
  const replay = trpc.webhooks.replay.useMutation({
    onSuccess: async () => {
      toast.success('Replay queued: the same webhook-id, signed anew');
      await utils.webhooks.deliveries.invalidate({ id: endpoint.id });
    },
    onError: (error) => toast.error(readServerError(error).message),
  });
  const badge = DELIVERY_BADGES[delivery.status];
  return (
    <li className="webhook-delivery">
      <details>
        <summary>
          <Badge tone={badge.tone}>{badge.label}</Badge>
          <code className="webhook-event-type">{delivery.event_type}</code>
          <span className="webhook-delivery-when">{formatDateTime(delivery.created_at)}</span>
          <span className="webhook-delivery-answer">{lastAnswer(delivery)}</span>
          {delivery.replay_of && <span className="webhook-delivery-replay">A replay</span>}
        </summary>
        <div className="webhook-delivery-body">
          <p className="webhook-delivery-id">
            <span>webhook-id</span> <code>{delivery.webhook_id}</code>
          </p>
          {delivery.status === 'pending' && delivery.next_attempt_at && (
            <p>Next attempt {formatDateTime(delivery.next_attempt_at)}</p>
          )}
          {delivery.attempts.length > 0 && (
            <ol className="webhook-attempts" aria-label="Attempts">
              {delivery.attempts.map((a) => (
                <li key={a.attempt}>
                  <p className="webhook-attempt-line">
                    <strong>Attempt {a.attempt}</strong> · {formatDateTime(a.started_at)} ·{' '}
                    {a.status_code === null ? 'no answer' : `HTTP ${a.status_code}`} · {a.latency_ms} ms
                  </p>
                  {a.error && <p className="webhook-attempt-error">{a.error}</p>}
                  {a.response_body ? <pre className="webhook-pre">{a.response_body}</pre> : null}
                </li>
              ))}
            </ol>
          )}
          <p className="webhook-sent-label">Sent</p>
          <pre className="webhook-pre">{prettyJson(delivery.payload)}</pre>
          <Button
            size="sm"
            className="webhook-replay"
            onClick={() => replay.mutate({ id: endpoint.id, delivery_id: delivery.id })}
            pending={replay.isPending}
            disabled={!endpoint.enabled}
          >
            Replay
          </Button>
        </div>
      </details>
    </li>
  );
}
