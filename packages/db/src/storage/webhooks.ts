import { notFound } from '@stageflow/domain';
import { type Db, writeTx } from '../client.ts';
import type { Repositories } from '../repositories/index.ts';
import { events } from '../schema/index.ts';
import type { StoragePort, WebhookSettlement } from './port.ts';

/** The embedded engine's webhook units: each one `immediate` transaction, like the rest (sqlite.ts). */
export function createWebhookStorage(db: Db, repos: Repositories): StoragePort['webhooks'] {
  const { endpoints, outbox } = repos.webhooks;
  const load = (workspaceId: string, id: string) => endpoints.byId(workspaceId, id) ?? notFound('Webhook endpoint', id);

  return {
    insertEndpoint: (workspaceId, step) =>
      writeTx(db, (tx) => {
        const next = step(endpoints.count(workspaceId));
        if (next instanceof Error) return next;
        endpoints.insert(tx, workspaceId, next);
        return next;
      }),

    changeEndpoint: (workspaceId, id, step) =>
      writeTx(db, (tx) => {
        const before = load(workspaceId, id);
        if (before instanceof Error) return before;
        const next = step(before);
        if (next instanceof Error) return next;
        endpoints.save(tx, workspaceId, next);
        if (before.enabled && !next.enabled) outbox.failPending(tx, workspaceId, id, next.updated_at);
        return next;
      }),

    removeEndpoint: (workspaceId, id) =>
      writeTx(db, (tx) => {
        const before = load(workspaceId, id);
        if (before instanceof Error) return before;
        endpoints.remove(tx, workspaceId, id);
        return before;
      }),

    sendTo: (workspaceId, endpointId, step) =>
      writeTx(db, (tx) => {
        const endpoint = load(workspaceId, endpointId);
        if (endpoint instanceof Error) return endpoint;
        const event = step(endpoint);
        if (event instanceof Error) return event;
        return outbox.enqueueTo(tx, workspaceId, endpointId, event);
      }),

    replay: (workspaceId, endpointId, deliveryId, step) =>
      writeTx(db, (tx) => {
        const endpoint = load(workspaceId, endpointId);
        if (endpoint instanceof Error) return endpoint;
        const delivery = outbox.delivery(workspaceId, deliveryId);
        if (!delivery || delivery.endpoint_id !== endpointId) return notFound('Webhook delivery', deliveryId);
        const ok = step(endpoint);
        if (ok instanceof Error) return ok;
        return outbox.replay(tx, workspaceId, delivery, ok.now);
      }),

    claim: (owner, now, leaseUntil, limit) => writeTx(db, (tx) => outbox.claim(tx, owner, now, leaseUntil, limit)),

    settle: (deliveryId, owner, attempt, now, step, disabledMail) =>
      writeTx(db, (tx): WebhookSettlement => {
        const delivery = outbox.leased(tx, deliveryId, owner);
        if (!delivery) return { recorded: false, disabled: null };
        const { workspace_id: workspaceId } = delivery;
        const endpoint = endpoints.byId(workspaceId, delivery.endpoint_id);
        if (!endpoint) return { recorded: false, disabled: null };
        const outcome = step({ failing_since: endpoint.failing_since });
        const ended = outcome.delivery.status !== 'pending';
        outbox.recordAttempt(tx, delivery, attempt, {
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
        endpoints.save(tx, workspaceId, next);
        if (!disable || !endpoint.enabled) return { recorded: true, disabled: null };
        outbox.failPending(tx, workspaceId, endpoint.id, now, delivery.id);
        // Its admins are told: in the audit log here, and by the server's notifier after the commit.
        tx.insert(events)
          .values({
            workspace_id: workspaceId,
            participant_id: null,
            evaluation_template_id: null,
            type: 'webhook_endpoint_disabled',
            actor: 'system',
            occurred_at: now,
            data: { endpoint_id: endpoint.id, url: endpoint.url, reason: disable, failing_since: next.failing_since },
          })
          .run();
        const disabled = { ...next, workspace_id: workspaceId };
        // And by mail, when the server sends it: written with the disabling, so once and never lost.
        const mail = disabledMail?.({ endpoint: disabled, admins: repos.mail.workspaceAdmins(workspaceId) }) ?? [];
        if (mail.length > 0) repos.mail.insert(tx, mail);
        return { recorded: true, disabled };
      }),

    sweep: (before) => writeTx(db, (tx) => outbox.sweep(tx, before)),
  };
}
