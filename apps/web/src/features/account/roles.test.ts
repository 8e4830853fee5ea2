import { describe, expect, test } from 'vitest';
import { assignableRoles, atLeast } from './roles.ts';

describe('what a role may do in the browser (the server decides; this hides what it would refuse)', () => {
  test.each([
    ['owner', 'admin', true],
    ['admin', 'admin', true],
    ['reviewer', 'admin', false],
    ['reviewer', 'reviewer', true],
    ['viewer', 'reviewer', false],
    [null, 'viewer', false],
  ] as const)('%s carries %s: %s', (role, required, expected) => {
    expect(atLeast(role, required)).toBe(expected);
  });

  test('owners hand out any role, admins any but owner, others none', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'reviewer', 'viewer']);
    expect(assignableRoles('admin')).toEqual(['admin', 'reviewer', 'viewer']);
    expect(assignableRoles('reviewer')).toEqual([]);
    expect(assignableRoles('viewer')).toEqual([]);
  });
});
