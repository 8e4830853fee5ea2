import { describe, expect, test } from 'vitest';
import { interviewerModelFromEnv } from './environment.ts';

describe('interviewerModelFromEnv', () => {
  test('none set: no default, no problem', () => {
    expect(interviewerModelFromEnv({})).toEqual({ model: null });
    expect(interviewerModelFromEnv({ INTERVIEWER_BASE_URL: ' ', INTERVIEWER_MODEL: '' })).toEqual({ model: null });
  });

  test('the three settings, the address without its trailing slash', () => {
    expect(
      interviewerModelFromEnv({
        INTERVIEWER_BASE_URL: 'http://localhost:11434/v1/',
        INTERVIEWER_MODEL: 'llama3.1:8b',
        INTERVIEWER_API_KEY: 'sk-1',
      }),
    ).toEqual({ model: { base_url: 'http://localhost:11434/v1', model: 'llama3.1:8b', api_key: 'sk-1' } });
    expect(
      interviewerModelFromEnv({ INTERVIEWER_BASE_URL: 'http://h/v1', INTERVIEWER_MODEL: 'm' }).model?.api_key,
    ).toBeNull();
  });

  test.each([
    [{ INTERVIEWER_BASE_URL: 'http://h/v1' }, /^INTERVIEWER_MODEL not set/],
    [{ INTERVIEWER_API_KEY: 'sk-secret-1' }, /^INTERVIEWER_BASE_URL and INTERVIEWER_MODEL not set/],
    [{ INTERVIEWER_BASE_URL: 'localhost:11434', INTERVIEWER_MODEL: 'm' }, /^INTERVIEWER_BASE_URL must be an http/],
    [
      { INTERVIEWER_BASE_URL: 'http://h/v1', INTERVIEWER_MODEL: 'm', INTERVIEWER_API_KEY: 'a b' },
      /^INTERVIEWER_API_KEY must be/,
    ],
  ])('%j: no default, and the operator is told why', (env, problem) => {
    const read = interviewerModelFromEnv(env);
    expect(read.model).toBeNull();
    expect(read.problem).toMatch(problem);
    expect(read.problem).toMatch(/the server runs without a default interviewer model/);
    expect(read.problem).not.toContain('sk-secret-1');
  });
});
