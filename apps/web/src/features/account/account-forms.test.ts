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
});
