import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.ts';
import { baseUrlProblem, UpdateInterviewerModelInput } from '../schemas/interviewer-model.ts';
import {
  type EnvironmentModel,
  interviewerModelSettings,
  nextInterviewerModel,
  resolveInterviewerModel,
  type WorkspaceModelRecord,
} from './model-settings.ts';

const saved: WorkspaceModelRecord = {
  base_url: 'http://localhost:11434/v1',
  model: 'llama3.1:8b',
  api_key: 'ciphertext',
  updated_at: '2026-12-01T10:00:00.000Z',
  updated_by: 'user:1',
};
const environment: EnvironmentModel = {
  base_url: 'https://models.example/v1',
  model: 'gpt-4o-mini',
  api_key: 'sk-env',
};
const ctx = { now: '2026-12-02T10:00:00.000Z', actor: 'user:2' };

describe('resolveInterviewerModel: the workspace, else the environment, else none', () => {
  test.each([
    [saved, environment, 'workspace'],
    [saved, null, 'workspace'],
    [null, environment, 'environment'],
    [null, null, 'none'],
  ] as const)('workspace %#', (workspace, env, source) => {
    expect(resolveInterviewerModel(workspace, env).source).toBe(source);
  });

  test("the workspace's setting wins whole: the server's key is never paired with its address", () => {
    const resolved = resolveInterviewerModel({ ...saved, api_key: null }, environment);
    expect(resolved).toEqual({ source: 'workspace', endpoint: { ...saved, api_key: null } });
  });
});

describe('interviewerModelSettings: what a reader sees', () => {
  test('never a key: only whether one is saved', () => {
    const view = interviewerModelSettings(saved, environment);
    expect(view).toEqual({
      source: 'workspace',
      base_url: saved.base_url,
      model: saved.model,
      has_api_key: true,
      workspace: {
        base_url: saved.base_url,
        model: saved.model,
        has_api_key: true,
        updated_at: saved.updated_at,
        updated_by: saved.updated_by,
      },
      environment: { base_url: environment.base_url, model: environment.model, has_api_key: true },
    });
    expect(JSON.stringify(view)).not.toMatch(/ciphertext|sk-env/);
  });

  test('none: nulls, and no key', () => {
    expect(interviewerModelSettings(null, null)).toEqual({
      source: 'none',
      base_url: null,
      model: null,
      has_api_key: false,
      workspace: null,
      environment: null,
    });
  });
});

describe('nextInterviewerModel: what an update saves', () => {
  const update = (base_url: string, api_key: Parameters<typeof nextInterviewerModel>[1]['api_key']) =>
    nextInterviewerModel(saved, { base_url, model: 'qwen2.5', api_key }, ctx);

  test.each([
    ['a new key replaces the saved one', { replace: 'new-ciphertext' }, 'new-ciphertext'],
    ['null removes it', 'remove', null],
    ['leaving it out keeps it on the same server', 'keep', 'ciphertext'],
  ] as const)('%s', (_, choice, key) => {
    expect(update('http://localhost:11434/v1/', choice)).toEqual({
      base_url: 'http://localhost:11434/v1',
      model: 'qwen2.5',
      api_key: key,
      updated_at: ctx.now,
      updated_by: ctx.actor,
    });
  });

  test.each(['http://evil.example/v1', 'https://localhost:11434/v1', 'http://localhost:8080/v1'])(
    'moving to another server (%s) without the key again is refused on api_key',
    (url) => {
      const refused = update(url, 'keep');
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).issues[0]!.path).toEqual(['api_key']);
    },
  );

  test('another server with a new key, or with none, is fine; a first setting has nothing to keep', () => {
    expect(update('http://other.example/v1', { replace: 'k' })).not.toBeInstanceOf(DomainError);
    expect(update('http://other.example/v1', 'remove')).not.toBeInstanceOf(DomainError);
    expect(
      nextInterviewerModel(null, { base_url: 'http://x.example/v1', model: 'm', api_key: 'keep' }, ctx),
    ).toMatchObject({
      api_key: null,
    });
  });
});

describe('UpdateInterviewerModelInput: field-named refusals', () => {
  test.each([
    ['localhost:11434', 'base_url', /http:\/\/ or https:\/\//],
    ['ftp://models.example', 'base_url', /http:\/\/ or https:\/\//],
    ['http://user:secret@models.example/v1', 'base_url', /user name or password/],
    ['http://models.example/v1?key=1', 'base_url', /query/],
    ['', 'base_url', /enter the model server's address/],
  ])('base_url %j', (base_url, field, message) => {
    const parsed = UpdateInterviewerModelInput.safeParse({ base_url, model: 'm' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual([field]);
    expect(parsed.error!.issues[0]!.message).toMatch(message);
  });

  test.each([
    [{ model: '  ' }, 'model', /enter the model name/],
    [{ api_key: '' }, 'api_key', /enter the key/],
    [{ api_key: 'sk one' }, 'api_key', /without spaces/],
    [{ api_key: 'sk\nX-Evil: 1' }, 'api_key', /without spaces or line breaks/],
  ])('%j', (patch, field, message) => {
    const parsed = UpdateInterviewerModelInput.safeParse({
      base_url: 'http://localhost:11434/v1',
      model: 'm',
      ...patch,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual([field]);
    expect(parsed.error!.issues[0]!.message).toMatch(message);
  });

  test('good input, with a key, with null, and without', () => {
    for (const api_key of ['sk-abc', null, undefined]) {
      expect(
        UpdateInterviewerModelInput.safeParse({ base_url: 'https://api.example.com/v1', model: 'gpt-4o-mini', api_key })
          .success,
      ).toBe(true);
    }
    expect(baseUrlProblem('http://127.0.0.1:1234/v1')).toBeUndefined();
  });
});
