import { describe, expect, test } from 'vitest';
import { SignUpValues, slugify, WorkspaceValues } from './account-forms.ts';

describe('account forms', () => {
  test.each([
    ['Acme Hiring', 'acme-hiring'],
    ['  Acme Hiring (EU) ', 'acme-hiring-eu'],
    ['Crème Brûlée Academy', 'creme-brulee-academy'],
    ['---', ''],
  ])('slug for %j is %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  test('a workspace slug is url-safe', () => {
    expect(WorkspaceValues.safeParse({ name: 'Acme', slug: 'acme-hiring' }).success).toBe(true);
    expect(WorkspaceValues.safeParse({ name: 'Acme', slug: 'Bad Slug!' }).success).toBe(false);
    expect(WorkspaceValues.safeParse({ name: 'Acme', slug: 'a--b' }).success).toBe(false);
  });

  test('sign-up asks for the password length the server does', () => {
    const values = { name: 'Ada', email: ' Ada@Example.com ' };
    expect(SignUpValues.safeParse({ ...values, password: 'short' }).success).toBe(false);
    expect(SignUpValues.parse({ ...values, password: 'long enough!' }).email).toBe('ada@example.com');
  });

  const passwordMessage = (password: string) =>
    SignUpValues.safeParse({ name: 'Ada', email: 'ada@example.com', password }).error?.issues[0]?.message;

  test.each<[string, string | undefined]>([
    ['stageflow-demo', undefined],
    ['correct horse battery', undefined],
    ['short', 'too short: use at least 10 characters'],
    [' '.repeat(12), 'must not be only spaces'],
    ['stageflow\u0000demo', 'must not contain a NUL character (\\u0000)'],
    ['Password123', 'is one of the most common passwords: choose another'],
  ])('sign-up holds the password %j to the server rule', (password, message) => {
    expect(passwordMessage(password)).toBe(message);
  });

  test('names are held to the server rules too', () => {
    const account = { email: 'ada@example.com', password: 'correct horse battery' };
    expect(SignUpValues.safeParse({ ...account, name: 'x'.repeat(121) }).error?.issues[0]?.message).toBe(
      'At most 120 characters',
    );
    expect(SignUpValues.safeParse({ ...account, name: 'Ada\u0000' }).error?.issues[0]?.path).toEqual(['name']);
    expect(WorkspaceValues.safeParse({ name: 'x'.repeat(121), slug: 'acme' }).success).toBe(false);
    expect(WorkspaceValues.safeParse({ name: 'x'.repeat(120), slug: 'acme' }).success).toBe(true);
  });
});
