import { readFileSync } from 'node:fs';
import { type RunningServer, startServer } from '@stageflow/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStageflowClient, isStageflowError } from './index.ts';
import { createTestApiKey } from './testing-keys.ts';

// The app's server from source (tsx), as `pnpm dev` runs it, with a fresh database of its own.
let server: RunningServer;
let apiKey: string;
beforeAll(async () => {
  server = await startServer({ from: 'source' });
  apiKey = await createTestApiKey(server.databasePath);
});
afterAll(async () => {
  await server?.stop();
});

const example = readFileSync(new URL('../examples/journey.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('@stageflow/client', () => {
  test('the README shows the example verbatim', () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(example);
  });

  test('the README example runs against a real server: template, stages, participant, completed session', async () => {
    process.env.STAGEFLOW_URL = server.url;
    process.env.STAGEFLOW_API_KEY = apiKey;
    const { completed, template } = await import('../examples/journey.ts');
    expect(completed.session).toMatchObject({ status: 'completed', scorecard: { overall_score: 76, passed: true } });
    expect(completed.participant).toMatchObject({
      name: 'Jane Doe',
      status: 'active',
      evaluation_template_id: template.id,
    });

    // The server agrees: the participant is at the Technical stage, through the same typed client.
    const client = createStageflowClient({ url: server.url, apiKey });
    const pipeline = await client.templates.byId.query({ id: template.id });
    expect(pipeline.stages.map((s) => s.stage_name)).toEqual(['Phone Screen', 'Technical', 'Final']);
    const jane = await client.participants.byId.query({ id: completed.participant.id });
    expect(jane.current_stage_id).toBe(pipeline.stages[1]!.id);
  });

  test('the same payload through REST and the typed client gives the same result', async () => {
    const client = createStageflowClient({ url: server.url, apiKey });
    const body = { template_name: 'Same either way', use_case: 'training' as const, skills: ['SQL'] };
    const viaClient = await client.templates.create.mutate(body);
    // Live template names are unique (docs/rules.md#template-names): the first steps aside for the second.
    await client.templates.archive.mutate({ id: viaClient.id });
    const res = await fetch(`${server.url}/api/v1/evaluation-templates`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const viaRest = (await res.json()) as typeof viaClient;
    const { id: _a, created_at: _b, updated_at: _c, ...restShape } = viaRest;
    const { id: _d, created_at: _e, updated_at: _f, ...clientShape } = viaClient;
    expect(restShape).toEqual(clientShape);
    expect(restShape).toMatchObject({ template_name: 'Same either way', success_outcome: 'ready_needs_training' });
  });

  test('a wrong key fails with the 401 the server sends, as a typed error', async () => {
    const client = createStageflowClient({ url: `${server.url}/`, apiKey: 'sf_live_not_a_key' });
    const error = await client.templates.list.query().catch((e: unknown) => e);
    expect(isStageflowError(error)).toBe(true);
    if (!isStageflowError(error)) return;
    expect(error.data?.httpStatus).toBe(401);
    expect(error.message).toMatch(/x-api-key/);
  });

  test('calls made together past the server’s batch maximum (25) go in several batches, and all succeed', async () => {
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const client = createStageflowClient({ url: server.url, apiKey, fetch: counting });
    const lists = await Promise.all(Array.from({ length: 30 }, () => client.templates.list.query()));
    expect(lists).toHaveLength(30);
    expect(requests).toBe(2);
  });

  test('bad input fails with the field issues', async () => {
    const client = createStageflowClient({ url: server.url, apiKey });
    const error = await client.templates.create
      .mutate({ template_name: 'T', use_case: 'hiring', default_duration_minutes: 999 })
      .catch((e: unknown) => e);
    if (!isStageflowError(error)) throw error;
    expect(error.data?.httpStatus).toBe(400);
    expect(error.data?.issues?.[0]?.path).toEqual(['default_duration_minutes']);
  });
});
