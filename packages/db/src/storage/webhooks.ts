import { notFound } from '@stageflow/domain';
import type { ReadStep, TxSteps } from '../reads.ts';
import type { Engine } from './engine.ts';
import type { StoragePort, WebhookSettlement } from './port.ts';

/** The webhook units, each one transaction like the rest (engine.ts). */
export function createWebhookStorage(engine: Engine): StoragePort['webhooks'] {
  const run = <T>(work: (t: TxSteps) => ReadStep<T>) => engine.transaction(work);
  function* load(t: TxSteps, workspaceId: string, id: string) {
    return (yield* t.webhooks.endpoints.byId(workspaceId, id)) ?? notFound('Webhook endpoint', id);
  }

  return {
    insertEndpoint: (workspaceId, step) =>
      run(function* (t) {
        const next = step(yield* t.webhooks.endpoints.count(workspaceId));
        if (next instanceof Error) return next;
        yield* t.webhooks.endpoints.insert(workspaceId, next);
        return next;
      }),

    changeEndpoint: (workspaceId, id, step) =>
      run(function* (t) {
        const before = yield* load(t, workspaceId, id);
        if (before instanceof Error) return before;
        const next = step(before);
        if (next instanceof Error) return next;
        yield* t.webhooks.endpoints.save(workspaceId, next);
        if (before.enabled && !next.enabled) yield* t.webhooks.outbox.failPending(workspaceId, id, next.updated_at);
        return next;
      }),

    removeEndpoint: (workspaceId, id) =>
      run(function* (t) {
        const before = yield* load(t, workspaceId, id);
        if (before instanceof Error) return before;
        yield* t.webhooks.endpoints.remove(workspaceId, id);
        return before;
      }),

    sendTo: (workspaceId, endpointId, step) =>
      run(function* (t) {
        const endpoint = yield* load(t, workspaceId, endpointId);
        if (endpoint instanceof Error) return endpoint;
        const event = step(endpoint);
        if (event instanceof Error) return event;
        return yield* t.webhooks.outbox.enqueueTo(workspaceId, endpointId, event);
      }),

    replay: (workspaceId, endpointId, deliveryId, step) =>
      run(function* (t) {
        const endpoint = yield* load(t, workspaceId, endpointId);
        if (endpoint instanceof Error) return endpoint;
        const delivery = yield* t.webhooks.outbox.delivery(workspaceId, deliveryId);
        if (!delivery || delivery.endpoint_id !== endpointId) return notFound('Webhook delivery', deliveryId);
        const ok = step(endpoint);
        if (ok instanceof Error) return ok;
        return yield* t.webhooks.outbox.replay(workspaceId, delivery, ok.now);
      }),

    claim: (owner, now, leaseUntil, limit) => run((t) => t.webhooks.outbox.claim(owner, now, leaseUntil, limit)),

    settle: (deliveryId, owner, attempt, now, step, disabledMail) =>
      run(function* (t): ReadStep<WebhookSettlement> {
        const { endpoints, outbox } = t.webhooks;
        const delivery = yield* outbox.leased(deliveryId, owner);
        if (!delivery) return { recorded: false, disabled: null };
        const { workspace_id: workspaceId } = delivery;
        const endpoint = yield* endpoints.byId(workspaceId, delivery.endpoint_id);
        if (!endpoint) return { recorded: false, disabled: null };
        const outcome = step({ failing_since: endpoint.failing_since });
        const ended = outcome.delivery.status !== 'pending';
        yield* outbox.recordAttempt(delivery, attempt, {
          status: outcome.delivery.status,
          next_attempt_at: outcome.delivery.status === 'pending' ? outcome.delivery.next_attempt_at : null,
          finished_at: ended ? now : null,
        });
        const disable = outcome.endpoint.disable;
        const next = {
          ...endpoint,
          failing_since: outcome.endpoint.failing_since,
          ...(disable && endpoint.enabled ? { enabled: false, disabled_reason: disable, disabled_at: now } : {}),
          updated_at: disable ? now : endpoint.updated_at,
        };
        yield* endpoints.save(workspaceId, next);
        if (!disable || !endpoint.enabled) return { recorded: true, disabled: null };
        yield* outbox.failPending(workspaceId, endpoint.id, now, delivery.id);
        // Its admins are told: in the audit log here (a workspace event, no participant), and by the server's
        // notifier after the commit.
        yield* t.memberGrants.appendEvents(workspaceId, [
          {
            type: 'webhook_endpoint_disabled',
            actor: 'system',
            occurred_at: now,
            data: { endpoint_id: endpoint.id, url: endpoint.url, reason: disable, failing_since: next.failing_since },
          },
        ]);
        const disabled = { ...next, workspace_id: workspaceId };
        // And by mail, when the server sends it: written with the disabling, so once and never lost.
        const mail = disabledMail?.({ endpoint: disabled, admins: yield* t.mail.workspaceAdmins(workspaceId) }) ?? [];
        if (mail.length > 0) yield* t.mail.insert(mail);
        return { recorded: true, disabled };
      }),

    sweep: (before) => run((t) => t.webhooks.outbox.sweep(before)),
  };
}
