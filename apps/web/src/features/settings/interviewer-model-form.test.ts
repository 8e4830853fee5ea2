import { UpdateInterviewerModelInput } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import {
  formValuesOf,
  type InterviewerModelSettings,
  initialKeyAction,
  inUseSentence,
  testOutcome,
  updateInputOf,
} from './interviewer-model-form.ts';

const none: InterviewerModelSettings = {
  source: 'none',
  base_url: null,
  model: null,
  has_api_key: false,
  workspace: null,
  environment: null,
};
const own: InterviewerModelSettings = {
  source: 'workspace',
  base_url: 'http://localhost:11434/v1',
  model: 'llama3.1:8b',
  has_api_key: true,
  workspace: {
    base_url: 'http://localhost:11434/v1',
    model: 'llama3.1:8b',
    has_api_key: true,
    updated_at: '2026-12-01T10:00:00.000Z',
    updated_by: 'user:1',
  },
  environment: null,
};
const values = { base_url: 'http://localhost:11434/v1', model: 'llama3.1:8b', api_key: 'sk-typed' };

describe('the form starts from the workspace’s own setting', () => {
  test('its address and model, never a key; keep a saved key, else a new one', () => {
    expect(formValuesOf(own)).toEqual({ base_url: own.base_url, model: own.model, api_key: '' });
    expect(initialKeyAction(own)).toBe('keep');
    expect(formValuesOf(none)).toEqual({ base_url: '', model: '', api_key: '' });
    expect(initialKeyAction(none)).toBe('new');
  });
});

describe('updateInputOf: what Save sends', () => {
  test.each([
    ['keep', values, undefined],
    ['replace', values, 'sk-typed'],
    ['remove', values, null],
    ['new', values, 'sk-typed'],
    ['new', { ...values, api_key: '  ' }, null],
  ] as const)('%s → api_key %j', (action, v, key) => {
    const input = updateInputOf(v, action);
    expect(input.api_key).toBe(key);
    expect('api_key' in input).toBe(key !== undefined);
    expect(UpdateInterviewerModelInput.safeParse(input).success).toBe(true);
  });

  test('replacing with an empty key is refused by the same rule as the server’s, on api_key', () => {
    const parsed = UpdateInterviewerModelInput.safeParse(updateInputOf({ ...values, api_key: '' }, 'replace'));
    expect(parsed.error?.issues[0]?.path).toEqual(['api_key']);
  });
});

test('the sentences', () => {
  expect(inUseSentence(own)).toBe('Interviews run on llama3.1:8b, set for this workspace.');
  expect(inUseSentence({ ...none, source: 'environment', model: 'gpt-4o-mini' })).toBe(
    "Interviews run on the server's default model, gpt-4o-mini.",
  );
  expect(inUseSentence(none)).toMatch(/^No model is set up/);
  expect(testOutcome({ ok: true, latency_ms: 42, model: 'm', source: 'workspace' })).toEqual({
    ok: true,
    text: 'Connected: m answered in 42 ms.',
  });
  expect(
    testOutcome({
      ok: false,
      latency_ms: 3,
      model: 'm',
      source: 'workspace',
      error: 'The model server refused the API key.',
    }),
  ).toEqual({ ok: false, text: 'The model server refused the API key.' });
});
