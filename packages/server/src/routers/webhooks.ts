import {
  CreateWebhookEndpointInput,
  ListWebhookDeliveriesInput,
  ReplayWebhookDeliveryInput,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointRef,
} from '@stageflow/domain';
import { z } from 'zod';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  replayWebhookDelivery,
  rotateWebhookEndpointSecret,
  sendWebhookTest,
  updateWebhookEndpoint,
  webhookDeliveries,
  webhookEndpointById,
} from '../application/webhooks.ts';
import { router, scoped } from '../trpc.ts';

const tags = ['Webhooks'];

/** An endpoint and its signing secret: this answer is the only place the secret is ever shown. */
const EndpointWithSecret = z.object({
  endpoint: WebhookEndpoint,
  secret: z.string().meta({ description: '`whsec_` and 32 random bytes in base64: shown only in this answer' }),
});

/**
 * Webhook endpoints and their delivery log (docs/webhooks.md). Admins and owners only, reads too: an
 * endpoint's URL says where participants' data goes, and the log holds what was sent.
 */
export const webhooksRouter = router({
  list: scoped('webhooks.write')
    .meta({ openapi: { method: 'GET', path: '/webhook-endpoints', tags, summary: 'List webhook endpoints' } })
    .output(z.array(WebhookEndpoint))
    .query(({ ctx }) => listWebhookEndpoints(ctx)),

  create: scoped('webhooks.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhook-endpoints',
        tags,
        summary: 'Add a webhook endpoint',
        description:
          'Stageflow POSTs each event it subscribed to (`event_types`, empty for all) to `url`, signed per the Standard Webhooks specification. The answer carries the signing `secret`, shown this once.',
      },
    })
    .input(CreateWebhookEndpointInput)
    .output(EndpointWithSecret)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx, input)),

  byId: scoped('webhooks.write')
    .meta({ openapi: { method: 'GET', path: '/webhook-endpoints/{id}', tags, summary: 'A webhook endpoint' } })
    .input(WebhookEndpointRef)
    .output(WebhookEndpoint)
    .query(({ ctx, input }) => webhookEndpointById(ctx, input.id)),

  update: scoped('webhooks.write')
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/webhook-endpoints/{id}',
        tags,
        summary: 'Change a webhook endpoint',
        description:
          'Fields left out stay. `enabled: false` stops deliveries (those pending are given up; Replay sends them later); `enabled: true` turns an endpoint on again, also one Stageflow disabled.',
      },
    })
    .input(UpdateWebhookEndpointInput)
    .output(WebhookEndpoint)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx, input)),

  delete: scoped('webhooks.write')
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/webhook-endpoints/{id}',
        tags,
        summary: 'Delete a webhook endpoint',
        description: 'Its delivery log goes with it. Answers the endpoint as it was.',
      },
    })
    .input(WebhookEndpointRef)
    .output(WebhookEndpoint)
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx, input.id)),

  rotateSecret: scoped('webhooks.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhook-endpoints/{id}/rotate-secret',
        tags,
        summary: "Rotate a webhook endpoint's signing secret",
        description:
          'A new secret, shown in this answer only. For 24 hours every webhook carries two signatures, one per secret, so receivers can switch without missing one.',
      },
    })
    .input(WebhookEndpointRef)
    .output(EndpointWithSecret)
    .mutation(({ ctx, input }) => rotateWebhookEndpointSecret(ctx, input.id)),

  deliveries: scoped('webhooks.write')
    .meta({
      openapi: {
        method: 'GET',
        path: '/webhook-endpoints/{id}/deliveries',
        tags,
        summary: "A webhook endpoint's delivery log",
        description:
          'Newest first, each delivery with its attempts (status, latency, the first 1 KB of the answer, the error). Kept 30 days unless the server says otherwise.',
      },
    })
    .input(ListWebhookDeliveriesInput)
    .output(WebhookDeliveryPage)
    .query(({ ctx, input }) => webhookDeliveries(ctx, input)),

  replay: scoped('webhooks.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhook-endpoints/{id}/deliveries/{delivery_id}/replay',
        tags,
        summary: 'Replay a delivery',
        description:
          'Sends the same message again as a new delivery, with the same `webhook-id` (receivers that already have it can ignore it) and a fresh signature.',
      },
    })
    .input(ReplayWebhookDeliveryInput)
    .output(WebhookDelivery)
    .mutation(({ ctx, input }) => replayWebhookDelivery(ctx, input)),

  sendTest: scoped('webhooks.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/webhook-endpoints/{id}/test',
        tags,
        summary: 'Send a test event',
        description: 'A `webhook.test` event to this endpoint only, whatever it subscribed to.',
      },
    })
    .input(WebhookEndpointRef)
    .output(WebhookDelivery)
    .mutation(({ ctx, input }) => sendWebhookTest(ctx, input.id)),
});
