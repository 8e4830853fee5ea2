import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type FakeModelServer, startFakeModelServer } from './fake-model-server.ts';

let fake: FakeModelServer;
beforeEach(async () => {
  fake = await startFakeModelServer({ apiKey: 'sk-fake', models: ['fake-model'] });
});
afterEach(() => fake.close());

// biome-ignore lint/suspicious/noExplicitAny: the tests read OpenAI's answers by their documented shape
type Json = any;

const AUTH = { authorization: 'Bearer sk-fake', 'content-type': 'application/json' };
const chat = (body: Record<string, unknown>, headers: Record<string, string> = AUTH) =>
  fetch(`${fake.url}/chat/completions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ model: 'fake-model', messages: [{ role: 'user', content: 'Hi' }], ...body }),
  });

/** The `data:` payloads of a server-sent event stream, `[DONE]` included. */
async function events(res: Response) {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      const data = event.slice('data: '.length);
      return data === '[DONE]' ? data : (JSON.parse(data) as Record<string, Json>);
    });
}

describe('POST /v1/chat/completions', () => {
  test('answers queued replies in order, then the default; records each request', async () => {
    fake.enqueue({ type: 'text', text: 'First' }, { type: 'text', text: 'Second' });
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await chat({});
      expect(res.status).toBe(200);
      const body = (await res.json()) as Json;
      expect(body.object).toBe('chat.completion');
      answers.push(body.choices[0].message.content);
    }
    expect(answers).toEqual(['First', 'Second', 'OK']);
    expect(fake.pending()).toBe(0);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-fake');
    expect(fake.chatRequests()[0]).toMatchObject({ model: 'fake-model', messages: [{ role: 'user', content: 'Hi' }] });
  });

  test('streams as server-sent events: a role, word-sized pieces, the finish, usage when asked, [DONE]', async () => {
    fake.enqueue({ type: 'text', text: 'Hello there, how are you?' });
    const res = await chat({ stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const parts = await events(res);
    expect(parts.at(-1)).toBe('[DONE]');
    const chunks = parts.slice(0, -1) as Record<string, Json>[];
    expect(chunks[0]!.choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('Hello there, how are you?');
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });

  test('structured output: the JSON as content for response_format, as a tool call when tools are offered', async () => {
    const value = { summary: 'Good', scores: [1, 2] };
    fake.enqueue({ type: 'json', value }, { type: 'json', value });
    const asContent = (await (
      await chat({ response_format: { type: 'json_schema', json_schema: { name: 'response', schema: {} } } })
    ).json()) as Json;
    expect(JSON.parse(asContent.choices[0].message.content)).toEqual(value);

    const tools = [{ type: 'function', function: { name: 'record_scores', parameters: {} } }];
    const asTool = (await (
      await chat({ tools, tool_choice: { type: 'function', function: { name: 'record_scores' } } })
    ).json()) as Json;
    expect(asTool.choices[0].finish_reason).toBe('tool_calls');
    const call = asTool.choices[0].message.tool_calls[0];
    expect(call.function.name).toBe('record_scores');
    expect(JSON.parse(call.function.arguments)).toEqual(value);
  });

  test('a streamed tool call arrives in pieces that join into the arguments', async () => {
    const value = { a: 'one two three' };
    fake.enqueue({ type: 'json', value });
    const tools = [{ type: 'function', function: { name: 'answer', parameters: {} } }];
    const chunks = (await events(await chat({ stream: true, tools }))).slice(0, -1) as Record<string, Json>[];
    const args = chunks.map((c) => c.choices[0]?.delta?.tool_calls?.[0]?.function?.arguments ?? '').join('');
    expect(JSON.parse(args)).toEqual(value);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('tool_calls');
  });

  test('malformed content is sent as it is', async () => {
    fake.enqueue({ type: 'malformed' }, { type: 'malformed', content: 'not json at all' });
    const first = (await (await chat({})).json()) as Json;
    expect(() => JSON.parse(first.choices[0].message.content)).toThrow();
    const second = (await (await chat({})).json()) as Json;
    expect(second.choices[0].message.content).toBe('not json at all');
  });

  test('429 with Retry-After, and 500, in OpenAI error bodies', async () => {
    fake.enqueue({ type: 'error', status: 429, retryAfter: 2 }, { type: 'error', status: 500 });
    const limited = await chat({});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    const failed = await chat({});
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { type: 'server_error' } });
  });

  test('slow answers wait before starting, and between streamed chunks', async () => {
    fake.enqueue({ type: 'text', text: 'late', delayMs: 300 }, { type: 'text', text: 'a b c', chunkDelayMs: 100 });
    let started = performance.now();
    await (await chat({})).json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    started = performance.now();
    await events(await chat({ stream: true }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  test('a dropped connection fails the request', async () => {
    fake.enqueue({ type: 'disconnect' });
    await expect(chat({})).rejects.toThrow();
  });

  test('the wrong key is a 401 and an unknown model a 404, without using up a queued reply', async () => {
    fake.enqueue({ type: 'text', text: 'kept' });
    const wrongKey = await chat({}, { authorization: 'Bearer sk-wrong', 'content-type': 'application/json' });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    const noKey = await chat({}, { 'content-type': 'application/json' });
    expect(noKey.status).toBe(401);
    const unknown = await chat({ model: 'gpt-9' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'model_not_found' } });
    expect(fake.pending()).toBe(1);
    expect(fake.requests).toHaveLength(3);
  });
});

test('GET /v1/models lists the models', async () => {
  const res = await fetch(`${fake.url}/models`, { headers: AUTH });
  expect(await res.json()).toEqual({
    object: 'list',
    data: [{ id: 'fake-model', object: 'model', created: expect.any(Number), owned_by: 'fake' }],
  });
});

test('close() ends a reply still waiting', async () => {
  // A minute's delay: a reply close() did not end would outlast the test's timeout.
  fake.enqueue({ type: 'text', text: 'never', delayMs: 60_000 });
  const pending = chat({}).then(
    () => 'answered',
    () => 'failed',
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  await fake.close();
  expect(await pending).toBe('failed');
});
