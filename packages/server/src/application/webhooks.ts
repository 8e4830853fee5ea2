import {
  badInput,
  type CreateWebhookEndpointInput,
  decodeParticipantCursor,
  editWebhookEndpoint,
  encodeParticipantCursor,
  type ListWebhookDeliveriesInput,
  newWebhookEndpoint,
  notFound,
  refuseDisabledEndpoint,
  refuseEndpointLimit,
  rotateWebhookSecret,
  type UpdateWebhookEndpointInput,
  unwrap,
  type WebhookDelivery,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointRecord,
  webhookEndpointView,
  webhookTestEvent,
  webhookUrlProblem,
} from '@stageflow/domain';
import type { z } from 'zod';
import type { WebhookDeps } from '../webhooks/deps.ts';
import { newWebhookSecret } from '../webhooks/signing.ts';
import type { AppContext } from './context.ts';

/**
 * A workspace's webhook endpoints and their delivery log (docs/webhooks.md). The secret is made and
 * sealed here, before the transaction, so the storage step stays pure; it is answered once, on
 * create and rotate, and otherwise only the worker opens it, to sign.
 */

type WebhookContext = Pick<AppContext, 'storage' | 'reads' | 'workspaceId' | 'actor' | 'now' | 'newId'> & {
  readonly webhooks: WebhookDeps;
};

/** An endpoint with its secret, the one time it is shown. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  readonly secret: string;
}

const view = (ctx: WebhookContext, record: WebhookEndpointRecord<unknown>) => webhookEndpointView(record, ctx.now());

function checkUrl(ctx: WebhookContext, url: string | undefined): void {
  const problem = url === undefined ? null : webhookUrlProblem(url, ctx.webhooks.settings.allowPrivateNetworks);
  if (problem) throw badInput(['url'], problem);
}

export async function listWebhookEndpoints(ctx: WebhookContext): Promise<WebhookEndpoint[]> {
  return (await ctx.reads.webhooks.endpoints.list(ctx.workspaceId)).map((e) => view(ctx, e));
}

export async function webhookEndpointById(ctx: WebhookContext, id: string): Promise<WebhookEndpoint> {
  const endpoint = await ctx.reads.webhooks.endpoints.byId(ctx.workspaceId, id);
  if (!endpoint) throw notFound('Webhook endpoint', id);
  return view(ctx, endpoint);
}

export async function createWebhookEndpoint(
  ctx: WebhookContext,
  input: z.output<typeof CreateWebhookEndpointInput>,
): Promise<EndpointWithSecret> {
  checkUrl(ctx, input.url);
  const id = ctx.newId();
  const secret = newWebhookSecret();
  const sealed = ctx.webhooks.secrets.seal(secret, id);
  const now = ctx.now();
  const created = unwrap(
    await ctx.storage.webhooks.insertEndpoint(
      ctx.workspaceId,
      (count) => refuseEndpointLimit(count) ?? newWebhookEndpoint(input, { id, secret: sealed, now, actor: ctx.actor }),
    ),
  );
  return { endpoint: view(ctx, created), secret };
}

export async function updateWebhookEndpoint(
  ctx: WebhookContext,
  input: z.output<typeof UpdateWebhookEndpointInput>,
): Promise<WebhookEndpoint> {
  checkUrl(ctx, input.url);
  const now = ctx.now();
  return view(
    ctx,
    unwrap(
      await ctx.storage.webhooks.changeEndpoint(ctx.workspaceId, input.id, (before) =>
        editWebhookEndpoint(before, input, now),
      ),
    ),
  );
}

/** Deletes it with its delivery log; answers it as it was. */
export async function deleteWebhookEndpoint(ctx: WebhookContext, id: string): Promise<WebhookEndpoint> {
  return view(ctx, unwrap(await ctx.storage.webhooks.removeEndpoint(ctx.workspaceId, id)));
}

/** A new secret, shown once; the previous one keeps signing beside it for 24 hours. */
export async function rotateWebhookEndpointSecret(ctx: WebhookContext, id: string): Promise<EndpointWithSecret> {
  const secret = newWebhookSecret();
  const sealed = ctx.webhooks.secrets.seal(secret, id);
  const now = ctx.now();
  const rotated = unwrap(
    await ctx.storage.webhooks.changeEndpoint(ctx.workspaceId, id, (before) =>
      rotateWebhookSecret(before, sealed, now),
    ),
  );
  return { endpoint: view(ctx, rotated), secret };
}

export async function webhookDeliveries(
  ctx: WebhookContext,
  input: z.output<typeof ListWebhookDeliveriesInput>,
): Promise<WebhookDeliveryPage> {
  await webhookEndpointById(ctx, input.id);
  const page = await ctx.reads.webhooks.outbox.page(ctx.workspaceId, input.id, {
    status: input.status,
    limit: input.limit,
    after: input.cursor ? decodeParticipantCursor(input.cursor) : undefined,
  });
  return { items: page.items, next_cursor: page.last ? encodeParticipantCursor(page.last) : null };
}

async function deliveryView(ctx: WebhookContext, id: string): Promise<WebhookDelivery> {
  const delivery = await ctx.reads.webhooks.outbox.view(ctx.workspaceId, id);
  if (!delivery) throw notFound('Webhook delivery', id);
  return delivery;
}

/** The same message again to the same endpoint, as a new delivery: same `webhook-id`, signed when sent. */
export async function replayWebhookDelivery(
  ctx: WebhookContext,
  input: { id: string; delivery_id: string },
): Promise<WebhookDelivery> {
  const now = ctx.now();
  const id = unwrap(
    await ctx.storage.webhooks.replay(
      ctx.workspaceId,
      input.id,
      input.delivery_id,
      (endpoint) => refuseDisabledEndpoint(endpoint, 'replaying a delivery') ?? { now },
    ),
  );
  return deliveryView(ctx, id);
}

/** A `webhook.test` event to this endpoint only, whatever it subscribed to. */
export async function sendWebhookTest(ctx: WebhookContext, id: string): Promise<WebhookDelivery> {
  const now = ctx.now();
  const deliveryId = unwrap(
    await ctx.storage.webhooks.sendTo(
      ctx.workspaceId,
      id,
      (endpoint) => refuseDisabledEndpoint(endpoint, 'sending a test event') ?? webhookTestEvent(endpoint.id, now),
    ),
  );
  return deliveryView(ctx, deliveryId);
}
