/**
 * The webhooks Stageflow sends, in the OpenAPI document's `webhooks` section (OpenAPI 3.1): one
 * entry per event type, its body `{ type, timestamp, data }` from the domain's schemas (zod-openapi,
 * as for the portal), and the Standard Webhooks headers every request carries (docs/webhooks.md).
 */
import {
  WEBHOOK_DATA,
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TEST_DATA,
  WEBHOOK_TEST_EVENT_TYPE,
} from '@stageflow/domain';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { z } from 'zod';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';

export const WEBHOOKS_TAG = 'Webhooks';

const HEADERS = z.object({
  'webhook-id': z.string().meta({
    description: 'The message id (`msg_…`): the same on every retry and replay, so use it to ignore repeats',
    example: 'msg_2b7f4c1e9d0a4f6b8c3e5a7d9f1b3c5e',
  }),
  'webhook-timestamp': z.string().meta({
    description: 'When this attempt was sent, in seconds since the epoch; refuse one more than 5 minutes off',
    example: '1764410400',
  }),
  'webhook-signature': z.string().meta({
    description:
      'Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per signing secret (two for 24 hours after a rotation)',
    example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  }),
});

const body = (type: string, data: z.ZodType) =>
  z.object({
    type: z.literal(type),
    timestamp: z.string().meta({ description: 'When it happened (ISO 8601, UTC): not when it was delivered' }),
    data,
  });

function entry(type: string, description: string, data: z.ZodType): ZodOpenApiPathsObject[string] {
  return {
    post: {
      operationId: `webhook-${type.replace('.', '-')}`,
      tags: [WEBHOOKS_TAG],
      summary: type,
      description: `${description}\n\nSent to each endpoint subscribed to \`${type}\` (or to every type), signed per the Standard Webhooks specification.`,
      requestParams: { header: HEADERS },
      requestBody: { required: true, content: { 'application/json': { schema: body(type, data) } } },
      responses: {
        '200': { description: 'Any 2xx: delivered. Anything else, or no answer within 15 s, is retried.' },
        '410': { description: 'Gone: Stageflow disables the endpoint and sends it nothing more.' },
      },
    },
  };
}

/** Adds `webhooks` and the Webhooks tag to the staff document. */
export function addWebhooks(doc: OpenAPIObject): void {
  const webhooks: ZodOpenApiPathsObject = {};
  for (const type of WEBHOOK_EVENT_TYPES) {
    webhooks[type] = entry(type, WEBHOOK_EVENT_DESCRIPTIONS[type], WEBHOOK_DATA[type]);
  }
  webhooks[WEBHOOK_TEST_EVENT_TYPE] = entry(
    WEBHOOK_TEST_EVENT_TYPE,
    'Sent by Send test event to one endpoint, whatever it subscribed to.',
    WEBHOOK_TEST_DATA,
  );
  const made = createDocument({ openapi: '3.1.0', info: { title: 'Stageflow webhooks', version: '1.0.0' }, webhooks });
  (doc as OpenAPIObject & { webhooks?: unknown }).webhooks = made.webhooks;
  doc.components ??= {};
  doc.components.schemas ??= {};
  for (const [name, schema] of Object.entries(made.components?.schemas ?? {})) {
    if (doc.components.schemas[name]) continue;
    doc.components.schemas[name] = schema;
  }
}
