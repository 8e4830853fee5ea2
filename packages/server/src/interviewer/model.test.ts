import { type FakeModelServer, freePort, startFakeModelServer } from '@stageflow/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { InterviewerUnavailableError } from './failures.ts';
import { createInterviewerModel, DEFAULT_MODEL_CLIENT_OPTIONS, type ModelClientOptions } from './model.ts';

const KEY = 'sk-fake-0123456789abcdef';
/** Fast retries and short timeouts, so the failure paths run in milliseconds. */
const FAST: ModelClientOptions = {
  ...DEFAULT_MODEL_CLIENT_OPTIONS,
  callTimeoutMs: 2_000,
  idleTimeoutMs: 1_000,
  turnTimeoutMs: 3_000,
  testTimeoutMs: 3_000,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 1_500,
};

let fake: FakeModelServer;
beforeEach(async () => {
  fake = await startFakeModelServer({ apiKey: KEY, models: ['fake-model'] });
});
afterEach(() => fake.close());

const client = (
  overrides: Partial<ModelClientOptions> = {},
  endpoint: { apiKey?: string | null; model?: string } = {},
) =>
  createInterviewerModel(
    {
      baseUrl: fake.url,
      model: endpoint.model ?? 'fake-model',
      apiKey: endpoint.apiKey === undefined ? KEY : endpoint.apiKey,
    },
    { ...FAST, ...overrides },
  );

async function collect(stream: AsyncIterable<string>) {
  const pieces: string[] = [];
  for await (const piece of stream) pieces.push(piece);
  return pieces;
}

/** The error a call failed with, which must be the one typed error. */
async function unavailable(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InterviewerUnavailableError);
  const typed = error as InterviewerUnavailableError;
  expect(typed.message).toMatch(/^The interviewer is unavailable/);
  expect(typed.publicMessage).toBe('The interviewer is unavailable; your answers are saved');
  expect(typed.detail).not.toContain(KEY);
  return typed;
}

const scorecard = z.object({ score: z.number(), summary: z.string() });
const structured = (model = client()) =>
  model.structured({ system: 'Score it.', prompt: 'The answer.', schema: scorecard, name: 'scorecard' });

describe('a streamed chat turn', () => {
  test('yields the answer piece by piece; sends the system prompt, the messages, the model and the key', async () => {
    fake.enqueue({ type: 'text', text: 'Hello Jane, tell me about a system you designed.' });
    const pieces = await collect(
      client().streamTurn({
        system: 'You are Ada.',
        messages: [
          { role: 'assistant', content: 'Hi!' },
          { role: 'user', content: 'Hello.' },
        ],
      }),
    );
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe('Hello Jane, tell me about a system you designed.');
    const [request] = fake.chatRequests();
    expect(request).toMatchObject({
      model: 'fake-model',
      stream: true,
      messages: [
        { role: 'system', content: 'You are Ada.' },
        { role: 'assistant', content: 'Hi!' },
        { role: 'user', content: 'Hello.' },
      ],
    });
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  test('a server that needs no key is sent none', async () => {
    const open = await startFakeModelServer();
    try {
      const model = createInterviewerModel({ baseUrl: open.url, model: 'llama3.1:8b', apiKey: null }, FAST);
      expect(
        (await collect(model.streamTurn({ system: 's', messages: [{ role: 'user', content: 'Hi' }] }))).join(''),
      ).toBe('OK');
      expect(open.requests[0]!.headers).not.toHaveProperty('authorization');
    } finally {
      await open.close();
    }
  });

  test('a stream that stalls between pieces times out', async () => {
    fake.enqueue({ type: 'text', text: 'one two three four', chunkDelayMs: 400 });
    const error = await unavailable(
      collect(client({ idleTimeoutMs: 150 }).streamTurn({ system: 's', messages: [{ role: 'user', content: 'Hi' }] })),
    );
    expect(error.reason).toBe('timeout');
    expect(error.detail).toBe('The model server did not answer within 150 ms.');
  });

  test('a server that does not start answering in time times out', async () => {
    // Far later than the call's own timeout: the detail names the idle timeout, so that is the one that fired.
    fake.enqueue({ type: 'text', text: 'late', delayMs: 60_000 });
    const error = await unavailable(
      collect(client({ idleTimeoutMs: 200 }).streamTurn({ system: 's', messages: [{ role: 'user', content: 'Hi' }] })),
    );
    expect(error.reason).toBe('timeout');
    expect(error.detail).toBe('The model server did not answer within 200 ms.');
  });

  test('a 500 before the stream starts is retried, then streamed', async () => {
    fake.enqueue({ type: 'error', status: 500 }, { type: 'text', text: 'Recovered.' });
    const pieces = await collect(client().streamTurn({ system: 's', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(pieces.join('')).toBe('Recovered.');
    expect(fake.chatRequests()).toHaveLength(2);
  });

  test("the caller's own abort goes back as it is", async () => {
    fake.enqueue({ type: 'text', text: 'slow', delayMs: 1_000 });
    const caller = new AbortController();
    const reason = new Error('the participant left');
    setTimeout(() => caller.abort(reason), 50);
    const error = await collect(
      client().streamTurn({ system: 's', messages: [{ role: 'user', content: 'Hi' }], signal: caller.signal }),
    ).catch((e: unknown) => e);
    expect(error).toBe(reason);
  });
});

describe('a structured answer', () => {
  test('parsed into the schema; asked for as JSON schema structured output', async () => {
    fake.enqueue({ type: 'json', value: { score: 7, summary: 'Solid.' } });
    expect(await structured()).toEqual({ score: 7, summary: 'Solid.' });
    const [request] = fake.chatRequests();
    expect(request).toMatchObject({
      messages: [
        { role: 'system', content: 'Score it.' },
        { role: 'user', content: 'The answer.' },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'scorecard', schema: { type: 'object' } } },
    });
    expect(request).not.toHaveProperty('stream', true);
  });

  test('an unreadable answer is asked again once, then reported', async () => {
    fake.enqueue({ type: 'malformed' }, { type: 'json', value: { score: 3, summary: 'Thin.' } });
    expect(await structured()).toEqual({ score: 3, summary: 'Thin.' });

    fake.enqueue({ type: 'malformed' }, { type: 'json', value: { score: 'high' } });
    const error = await unavailable(structured());
    expect(error.reason).toBe('bad_response');
    expect(error.detail).toMatch(/could not be read/);
    expect(fake.chatRequests()).toHaveLength(4);
  });

  test('a slow answer times out', async () => {
    fake.enqueue({ type: 'json', value: { score: 1, summary: '' }, delayMs: 1_000 });
    const error = await unavailable(
      client({ callTimeoutMs: 100 }).structured({ system: 's', prompt: 'p', schema: scorecard, name: 'x' }),
    );
    expect(error.reason).toBe('timeout');
  });
});

describe('retries and the failures an admin can fix', () => {
  test('429 with Retry-After: waits as asked, then succeeds', async () => {
    fake.enqueue({ type: 'error', status: 429, retryAfter: 1 });
    const started = performance.now();
    await client().ping();
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.chatRequests()).toHaveLength(2);
  });

  test('429 asking for a longer wait than allowed is not waited for', async () => {
    fake.enqueue({ type: 'error', status: 429, retryAfter: 120 });
    const error = await unavailable(client().ping());
    expect(error.reason).toBe('rate_limited');
    expect(error.detail).toMatch(/429 Too Many Requests/);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  test('500 every time: three tries, then a server error in plain words', async () => {
    fake.enqueue(...Array.from({ length: 3 }, () => ({ type: 'error' as const, status: 500 })));
    const error = await unavailable(client().ping());
    expect(error.reason).toBe('server_error');
    expect(error.detail).toBe(
      'The model server failed (500 Internal Server Error) after 3 tries. The server said: “The server had an error while processing your request.”',
    );
    expect(fake.chatRequests()).toHaveLength(3);
  });

  test('a dropped connection is retried', async () => {
    fake.enqueue({ type: 'disconnect' });
    await client().ping();
    expect(fake.chatRequests()).toHaveLength(2);
  });

  test('the wrong key: 401 in plain words, never retried, the key not repeated', async () => {
    const error = await unavailable(client({}, { apiKey: 'sk-wrong-key-12345' }).ping());
    expect(error.reason).toBe('unauthorized');
    expect(error.detail).toBe('The model server refused the API key (401 Unauthorized): check the key.');
    expect(fake.requests).toHaveLength(1);
  });

  test('no key where one is needed', async () => {
    const error = await unavailable(client({}, { apiKey: null }).ping());
    expect(error.detail).toBe('The model server asks for an API key (401 Unauthorized): add one.');
  });

  test('an unknown model: 404 in plain words', async () => {
    const error = await unavailable(client({}, { model: 'gpt-9' }).ping());
    expect(error.reason).toBe('unknown_model');
    expect(error.detail).toMatch(/^The model server answered 404 Not Found: it has no model "gpt-9"/);
    expect(error.detail).toContain('The server said: “The model `gpt-9` does not exist.”');
  });

  test('nothing listening: connection refused, at once', async () => {
    const port = await freePort();
    // Retries a minute apart: a refused connection tried again would outlast the test's timeout.
    const slowRetries = { ...FAST, retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000, testTimeoutMs: 60_000 };
    const model = createInterviewerModel(
      { baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', apiKey: null },
      slowRetries,
    );
    const error = await unavailable(model.ping());
    expect(error.reason).toBe('unreachable');
    expect(error.detail).toBe(
      `Could not connect to http://127.0.0.1:${port}: the connection was refused. Check the base URL and that the model server is running.`,
    );
  });

  test("a port fetch never uses (the Fetch standard's bad ports): said so, at once", async () => {
    const model = createInterviewerModel({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: null }, FAST);
    const error = await unavailable(model.ping());
    expect(error.detail).toBe(
      "Could not connect to http://127.0.0.1:9: port 9 is reserved for other services and never used for HTTP. Check the base URL's port.",
    );
  });

  test('the connection test answers how long it took', async () => {
    fake.enqueue({ type: 'text', text: 'OK', delayMs: 120 });
    const { latencyMs } = await client().ping();
    expect(latencyMs).toBeGreaterThanOrEqual(110);
    expect(fake.chatRequests()[0]).toMatchObject({
      messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
    });
  });
});
