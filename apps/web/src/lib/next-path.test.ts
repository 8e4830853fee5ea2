import { describe, expect, test } from 'vitest';
import { safeNextPath, withNext } from './next-path.ts';

describe('where to go after signing in', () => {
  test.each([
    ['/templates/abc?tab=stages', '/templates/abc?tab=stages'],
    ['/invite/123', '/invite/123'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  test('the sign-in link carries the page to come back to, encoded', () => {
    expect(withNext('/sign-in', '/templates?q=a b')).toBe('/sign-in?next=%2Ftemplates%3Fq%3Da%20b');
    expect(withNext('/sign-in', '/')).toBe('/sign-in');
    expect(withNext('/sign-in', undefined)).toBe('/sign-in');
  });
});
