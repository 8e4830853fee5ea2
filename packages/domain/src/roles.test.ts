import { describe, expect, test } from 'vitest';
import { assignRole, hasRole, isOnlyOwner, isRole, ROLES, type Role } from './roles.ts';

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

  test('the only owner is given no other role; with a second owner, either may be', () => {
    expect(isOnlyOwner({ role: 'owner', owners: 1 })).toBe(true);
    expect(isOnlyOwner({ role: 'owner', owners: 2 })).toBe(false);
    expect(isOnlyOwner({ role: 'admin', owners: 1 })).toBe(false);
    expect(isOnlyOwner({ role: null, owners: 0 })).toBe(false);
    expect(assignRole({ role: 'owner', owners: 1 }, 'admin')).toEqual({ outcome: 'only_owner' });
    expect(assignRole({ role: 'owner', owners: 1 }, 'owner')).toEqual({ outcome: 'unchanged', role: 'owner' });
    expect(assignRole({ role: 'owner', owners: 2 }, 'viewer')).toEqual({
      outcome: 'changed',
      role: 'viewer',
      was: 'owner',
    });
  });

  test('an account that is not a member is added with the role; a member has it changed, or already has it', () => {
    expect(assignRole({ role: null, owners: 0 }, 'owner')).toEqual({ outcome: 'added', role: 'owner' });
    expect(assignRole({ role: null, owners: 1 }, 'viewer')).toEqual({ outcome: 'added', role: 'viewer' });
    expect(assignRole({ role: 'reviewer', owners: 1 }, 'admin')).toEqual({
      outcome: 'changed',
      role: 'admin',
      was: 'reviewer',
    });
    expect(assignRole({ role: 'admin', owners: 1 }, 'admin')).toEqual({ outcome: 'unchanged', role: 'admin' });
  });
});
