import { WEBHOOK_DATA, WEBHOOK_EVENT_TYPES } from '@stageflow/domain';
import { expect, test } from 'vitest';
import { restApp } from './rest-testing.ts';

type Json = Record<string, unknown>;

test('the OpenAPI document describes every webhook type: its body and the Standard Webhooks headers', async () => {
  const t = restApp();
  t.state.signedOut = true;
  const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as Json & {
    webhooks: Record<string, { post: Json & { parameters: { name: string; in: string }[] } }>;
    components: { schemas: Record<string, Json> };
  };
  expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES, 'webhook.test'].sort());
  for (const [type, item] of Object.entries(doc.webhooks)) {
    const { post } = item;
    expect(post.parameters.map((p) => `${p.in}:${p.name}`).sort(), type).toEqual([
      'header:webhook-id',
      'header:webhook-signature',
      'header:webhook-timestamp',
    ]);
    const schema = (post.requestBody as { content: Record<string, { schema: Json }> }).content['application/json']!
      .schema as { properties: Record<string, Json>; required: string[] };
    expect(Object.keys(schema.properties), type).toEqual(['type', 'timestamp', 'data']);
    expect(schema.properties.type, type).toMatchObject({ const: type });
  }
  // The documented data names the fields a receiver relies on.
  const advanced = JSON.stringify(doc.webhooks['participant.advanced']) + JSON.stringify(doc.components.schemas);
  for (const field of Object.keys(WEBHOOK_DATA['participant.advanced'].shape)) expect(advanced).toContain(`"${field}"`);
  expect(doc.components.schemas.WebhookParticipant).toMatchObject({ properties: { external_id: expect.any(Object) } });
});
