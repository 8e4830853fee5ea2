import { type FakeModelServer, startFakeModelServer } from '@stageflow/testing';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { interviewerDeps } from '../interviewer/deps.ts';
import { READ_KEY, restApp } from './rest-testing.ts';

const KEY = 'sk-rest-key-0123456789';

let fake: FakeModelServer;
let t: ReturnType<typeof restApp>;
/** Every answer's text, to check that the key is in none of them. */
let answers: string[];
beforeEach(async () => {
  fake = await startFakeModelServer({ apiKey: KEY, models: ['qwen2.5:7b'] });
  t = restApp({ interviewer: interviewerDeps({ client: { testTimeoutMs: 1_000, retryBaseDelayMs: 10 } }) });
  answers = [];
});
afterEach(() => fake.close());

async function call(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const res = await t.call(method, path, body, headers);
  answers.push(JSON.stringify(res.body));
  return res;
}

test('GET, PUT, POST …/test and DELETE /api/v1/interviewer-model; the key is in no answer', async () => {
  expect((await call('GET', '/interviewer-model')).body).toMatchObject({ source: 'none', has_api_key: false });

  const saved = await call('PUT', '/interviewer-model', { base_url: fake.url, model: 'qwen2.5:7b', api_key: KEY });
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({ source: 'workspace', base_url: fake.url, model: 'qwen2.5:7b', has_api_key: true });

  const tested = await call('POST', '/interviewer-model/test');
  expect(tested.status).toBe(200);
  expect(tested.body).toEqual({ ok: true, latency_ms: expect.any(Number), model: 'qwen2.5:7b', source: 'workspace' });
  expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);

  await call('PUT', '/interviewer-model', { base_url: fake.url, model: 'qwen2.5:7b', api_key: 'sk-wrong-0000000' });
  const wrong = await call('POST', '/interviewer-model/test');
  expect(wrong.status).toBe(200);
  expect(wrong.body).toMatchObject({
    ok: false,
    reason: 'unauthorized',
    error: 'The model server refused the API key (401 Unauthorized): check the key.',
  });

  const removed = await call('DELETE', '/interviewer-model');
  expect(removed.body).toMatchObject({ source: 'none', workspace: null });

  for (const text of answers) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('sk-wrong-0000000');
  }
});

test.each([
  [{ base_url: 'not a url', model: 'm' }, 'base_url'],
  [{ base_url: 'ftp://models.example/v1', model: 'm' }, 'base_url'],
  [{ base_url: 'http://models.example/v1', model: '   ' }, 'model'],
  [{ base_url: 'http://models.example/v1' }, 'model'],
  [{ base_url: 'http://models.example/v1', model: 'm', api_key: 42 }, 'api_key'],
  [{ base_url: 'http://models.example/v1', model: 'm', extra: 1 }, undefined],
])('PUT %j: 400 naming the field', async (body, field) => {
  const res = await call('PUT', '/interviewer-model', body);
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: expect.any(String), issues: expect.any(Array) });
  if (field) expect(res.body.issues[0].path).toEqual([field]);
  expect((await call('GET', '/interviewer-model')).body.source).toBe('none');
});

test('a key without the interviewer_model.write scope is refused, reads included', async () => {
  const res = await call('GET', '/interviewer-model', undefined, { 'x-api-key': READ_KEY });
  expect(res.status).toBe(403);
  expect(res.body.error).toContain('interviewer_model.write');
});
