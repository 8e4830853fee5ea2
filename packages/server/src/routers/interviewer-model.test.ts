import { type FakeModelServer, freePort, startFakeModelServer } from '@stageflow/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createCaller } from '../caller.ts';
import { createInnerContext, engineDeps } from '../context.ts';
import { interviewerDeps } from '../interviewer/deps.ts';
import type { ModelClientOptions } from '../interviewer/model.ts';
import { type ApiKit, expectTRPCError, rowsOnEngine, setupEngineApi } from '../testing.ts';

const KEY = 'sk-workspace-key-0123456789';
const ENV_KEY = 'sk-environment-key-9876543210';
const SECRET = 'the server secret';
/** Quick retries and a short test timeout, so failures are seen in milliseconds. */
const FAST: Partial<ModelClientOptions> = { testTimeoutMs: 500, retryBaseDelayMs: 10 };

let fake: FakeModelServer;
beforeEach(async () => {
  fake = await startFakeModelServer({ apiKey: KEY, models: ['llama3.1:8b'] });
});
afterEach(() => fake.close());

/** An API over new workspaces whose server has `environment` as its default model (none by default). */
const setup = (environment: { base_url: string; model: string; api_key: string | null } | null = null) =>
  setupEngineApi({ interviewer: interviewerDeps({ secret: SECRET, environment, client: FAST }) });

/** The workspace's stored model, as saved: its key sealed. */
const modelRows = (t: ApiKit) =>
  rowsOnEngine<Record<string, string>>(t, 'select * from interviewer_models where workspace_id = ?', t.workspaceId);

const saveFake = (t: ApiKit, api_key: string | null | undefined = KEY) =>
  t.api.interviewerModel.update({ base_url: `${fake.url}/`, model: 'llama3.1:8b', api_key });

describe('with no model at all', () => {
  test("source 'none', and testing calls out to nothing", async () => {
    const t = await setup();
    expect(await t.api.interviewerModel.get()).toEqual({
      source: 'none',
      base_url: null,
      model: null,
      has_api_key: false,
      workspace: null,
      environment: null,
    });
    expect(await t.api.interviewerModel.test()).toEqual({
      ok: false,
      latency_ms: 0,
      model: null,
      source: 'none',
      reason: 'not_configured',
      error: expect.stringMatching(/^No interviewer model is set up/),
    });
    expect(fake.requests).toEqual([]);
  });
});

describe("the server's default (environment)", () => {
  test('is used when the workspace has none; its key is never shown', async () => {
    const t = await setup({ base_url: fake.url, model: 'llama3.1:8b', api_key: ENV_KEY });
    const settings = await t.api.interviewerModel.get();
    expect(settings).toMatchObject({
      source: 'environment',
      base_url: fake.url,
      model: 'llama3.1:8b',
      has_api_key: true,
    });
    expect(JSON.stringify(settings)).not.toContain(ENV_KEY);
    // The fake wants the workspace key: the environment's is sent, and refused.
    const result = await t.api.interviewerModel.test();
    expect(result).toMatchObject({ ok: false, source: 'environment', reason: 'unauthorized' });
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
  });
});

describe("the workspace's own model", () => {
  test('saved with its key: read back without it, encrypted at rest, and sent to the model', async () => {
    const t = await setup({ base_url: 'http://127.0.0.1:9/v1', model: 'env-model', api_key: ENV_KEY });
    const saved = await saveFake(t);
    expect(saved).toEqual({
      source: 'workspace',
      base_url: fake.url,
      model: 'llama3.1:8b',
      has_api_key: true,
      workspace: {
        base_url: fake.url,
        model: 'llama3.1:8b',
        has_api_key: true,
        updated_at: expect.any(String),
        updated_by: `user:owner-of-${t.workspaceId}`,
      },
      environment: { base_url: 'http://127.0.0.1:9/v1', model: 'env-model', has_api_key: true },
    });
    expect(JSON.stringify(saved)).not.toContain(KEY);
    const [row] = await modelRows(t);
    expect(row!.api_key_encrypted).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(KEY);

    const result = await t.api.interviewerModel.test();
    expect(result).toEqual({ ok: true, latency_ms: expect.any(Number), model: 'llama3.1:8b', source: 'workspace' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.chatRequests()[0]).toMatchObject({ model: 'llama3.1:8b' });
  });

  test('leaving the key out keeps it; null removes it', async () => {
    const t = await setup();
    await saveFake(t);
    expect(await saveFake(t, undefined)).toMatchObject({ has_api_key: true });
    expect(await t.api.interviewerModel.test()).toMatchObject({ ok: true });

    expect(await saveFake(t, null)).toMatchObject({ has_api_key: false });
    const result = await t.api.interviewerModel.test();
    expect(result).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(result.error).toBe('The model server asks for an API key (401 Unauthorized): add one.');
    expect(fake.requests.at(-1)!.headers).not.toHaveProperty('authorization');
  });

  test('moving to another server needs the key again: a 400 on api_key, nothing changed', async () => {
    const t = await setup();
    await saveFake(t);
    const before = await t.api.interviewerModel.get();
    await expectTRPCError(
      t.api.interviewerModel.update({ base_url: 'https://elsewhere.example/v1', model: 'llama3.1:8b' }),
      'BAD_REQUEST',
      { issuePath: ['api_key'], message: /enter the API key again/ },
    );
    expect(await t.api.interviewerModel.get()).toEqual(before);
    expect(
      await t.api.interviewerModel.update({ base_url: 'https://elsewhere.example/v1', model: 'm', api_key: 'sk-new' }),
    ).toMatchObject({ source: 'workspace', has_api_key: true });
  });

  test('reset: back to the server default', async () => {
    const t = await setup({ base_url: 'http://127.0.0.1:9/v1', model: 'env-model', api_key: null });
    await saveFake(t);
    expect(await t.api.interviewerModel.reset()).toMatchObject({
      source: 'environment',
      model: 'env-model',
      workspace: null,
    });
    expect(await modelRows(t)).toEqual([]);
  });

  test.each<[{ base_url: string; model: string; api_key?: string }, string[], RegExp]>([
    [{ base_url: 'localhost:11434', model: 'm' }, ['base_url'], /http:\/\/ or https:\/\//],
    [{ base_url: 'http://u:p@h.example/v1', model: 'm' }, ['base_url'], /user name or password/],
    [{ base_url: 'http://h.example/v1', model: '' }, ['model'], /enter the model name/],
    [{ base_url: 'http://h.example/v1', model: 'm', api_key: 'two words' }, ['api_key'], /without spaces/],
  ])('bad input is a 400 naming the field: %j', async (input, path, message) => {
    const t = await setup();
    await expectTRPCError(t.api.interviewerModel.update(input), 'BAD_REQUEST', { issuePath: path, message });
    expect(await modelRows(t)).toEqual([]);
  });

  test("another workspace has its own, and cannot see this one's", async () => {
    const t = await setup();
    await saveFake(t);
    expect(await t.other.interviewerModel.get()).toMatchObject({ source: 'none', workspace: null });
    expect(await t.other.interviewerModel.test()).toMatchObject({ ok: false, reason: 'not_configured' });
  });
});

describe('test connection: what goes wrong, in plain words', () => {
  test('the wrong key', async () => {
    const t = await setup();
    await saveFake(t, 'sk-wrong-key-000000');
    const result = await t.api.interviewerModel.test();
    expect(result).toMatchObject({
      ok: false,
      reason: 'unauthorized',
      error: 'The model server refused the API key (401 Unauthorized): check the key.',
    });
    expect(JSON.stringify(result)).not.toContain('sk-wrong-key-000000');
  });

  test('an unknown model', async () => {
    const t = await setup();
    await t.api.interviewerModel.update({ base_url: fake.url, model: 'gpt-9', api_key: KEY });
    expect(await t.api.interviewerModel.test()).toMatchObject({
      ok: false,
      model: 'gpt-9',
      reason: 'unknown_model',
      error: expect.stringMatching(/404 Not Found: it has no model "gpt-9"/),
    });
  });

  test('a wrong address: connection refused', async () => {
    const t = await setup();
    const port = await freePort();
    await t.api.interviewerModel.update({ base_url: `http://127.0.0.1:${port}/v1`, model: 'm' });
    expect(await t.api.interviewerModel.test()).toMatchObject({
      ok: false,
      reason: 'unreachable',
      error: expect.stringMatching(
        new RegExp(`^Could not connect to http://127.0.0.1:${port}: the connection was refused`),
      ),
    });
  });

  test('too slow', async () => {
    const t = await setup();
    await saveFake(t);
    fake.enqueue({ type: 'text', text: 'OK', delayMs: 2_000 });
    const result = await t.api.interviewerModel.test();
    expect(result).toMatchObject({
      ok: false,
      reason: 'timeout',
      error: 'The model server did not answer within 500 ms.',
    });
    expect(result.latency_ms).toBeGreaterThanOrEqual(450);
  });

  test("a key sealed under another server secret can't be read: say so, call nothing", async () => {
    const t = await setup();
    await saveFake(t);
    const otherSecret = engineDeps(
      t.deps.storage,
      t.deps.log,
      undefined,
      interviewerDeps({ secret: 'a new secret', client: FAST }),
    );
    const api = createCaller(
      createInnerContext(otherSecret, { kind: 'user', userId: 'u', workspaceId: t.workspaceId, role: 'owner' }),
    );
    expect(await api.interviewerModel.get()).toMatchObject({ has_api_key: true });
    expect(await api.interviewerModel.test()).toMatchObject({
      ok: false,
      reason: 'key_unreadable',
      error: expect.stringMatching(/AUTH_SECRET changed since it was saved\. Enter the key again\./),
    });
    expect(fake.requests).toEqual([]);
  });
});
