import { describe, expect, test } from 'vitest';
import { hasRole, isRole, ROLES, type Role } from './roles.ts';

describe('roles', () => {
  test('most powerful first', () => {
    expect(ROLES).toEqual(['owner', 'admin', 'reviewer', 'viewer']);
  });

  // Every pair: a role carries the ones after it in ROLES, never the ones before it.
  test.each<[Role, Role, boolean]>([
    ['owner', 'owner', true],
    ['owner', 'admin', true],
    ['owner', 'reviewer', true],
    ['owner', 'viewer', true],
    ['admin', 'owner', false],
    ['admin', 'admin', true],
    ['admin', 'reviewer', true],
    ['admin', 'viewer', true],
    ['reviewer', 'owner', false],
    ['reviewer', 'admin', false],
    ['reviewer', 'reviewer', true],
    ['reviewer', 'viewer', true],
    ['viewer', 'owner', false],
    ['viewer', 'admin', false],
    ['viewer', 'reviewer', false],
    ['viewer', 'viewer', true],
  ])('%s has %s: %s', (actual, required, expected) => {
    expect(hasRole(actual, required)).toBe(expected);
  });

  test.each<[unknown, boolean]>([
    ['owner', true],
    ['viewer', true],
    ['member', false],
    ['Owner', false],
    [null, false],
    [undefined, false],
    [3, false],
  ])('%o is a role: %s', (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });
});
