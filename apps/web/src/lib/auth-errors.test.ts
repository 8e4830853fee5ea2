import { describe, expect, test } from 'vitest';
import { inOurWords, placeAuthError } from './auth-errors.ts';

/** What apps/web/src/app/auth-client.ts throws for a refused better-auth call. */
const refused = (message: string, code?: string) => Object.assign(new Error(message), { code });

describe('placing better-auth errors in a form', () => {
  const signUp = ['name', 'email', 'password'];

  test.each([
    ['User already exists. Use another email.', 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL', 'email'],
    ['Password too short', 'PASSWORD_TOO_SHORT', 'password'],
    ['Invalid email or password', 'INVALID_EMAIL_OR_PASSWORD', undefined],
    ['Too many requests. Please try again later.', undefined, undefined],
  ])('%s → %s', (message, code, field) => {
    expect(placeAuthError(refused(message, code), signUp)).toEqual({ field, message });
  });

  test('a validation message names its field, and the field gets the message without the path', () => {
    expect(placeAuthError(refused('[body.email] Invalid email address', 'VALIDATION_ERROR'), signUp)).toEqual({
      field: 'email',
      message: 'Invalid email address',
    });
  });

  test("the server's rules name their field at the start of the message", () => {
    expect(placeAuthError(refused('name: Too big: expected string to have <=120 characters', 'X'), signUp)).toEqual({
      field: 'name',
      message: 'Too big: expected string to have <=120 characters',
    });
    expect(
      placeAuthError(refused('password: is one of the most common passwords', 'PASSWORD_NOT_ACCEPTED'), signUp),
    ).toEqual({ field: 'password', message: 'is one of the most common passwords' });
    expect(placeAuthError(refused('logo: use an https:// address', 'X'), ['name', 'slug'])).toEqual({
      field: undefined,
      message: 'logo: use an https:// address',
    });
  });

  test('a field the form does not show leaves the error on the form', () => {
    expect(placeAuthError(refused('Organization already exists', 'ORGANIZATION_ALREADY_EXISTS'), signUp)).toEqual({
      field: undefined,
      message: 'Workspace already exists',
    });
    expect(
      placeAuthError(refused('Organization already exists', 'ORGANIZATION_ALREADY_EXISTS'), ['name', 'slug']).field,
    ).toBe('slug');
  });

  test('a network failure says so', () => {
    expect(placeAuthError(new TypeError('Failed to fetch'), signUp).message).toMatch(/could not be reached/);
  });
});

test('better-auth’s organizations are our workspaces', () => {
  expect(inOurWords('You cannot leave the organization as the only owner')).toBe(
    'You cannot leave the workspace as the only owner',
  );
});
