import { describe, expect, test } from 'vitest';
import { Password, passwordProblem, UserProfile, UserProfileUpdate } from './account.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

describe('Password: a new password', () => {
  test.each<[string, string, string | undefined]>([
    ['the demo account password', 'stageflow-demo', undefined],
    ['a passphrase', 'correct horse battery', undefined],
    ['exactly 10 characters', 'a7#kq9!zr2', undefined],
    ['128 characters', 'x7'.repeat(64), undefined],
    ['spaces inside count', 'my long pass phrase', undefined],
    ['9 characters', 'a7#kq9!zr', 'too short: use at least 10 characters'],
    ['empty', '', 'too short: use at least 10 characters'],
    ['129 characters', `${'x7'.repeat(64)}x`, 'too long: use at most 128 characters'],
    ['only spaces', ' '.repeat(12), 'must not be only spaces'],
    ['only whitespace of several kinds', ' \t\n \u00a0\u2003     ', 'must not be only spaces'],
    ['a NUL character', 'stageflow\u0000demo', 'must not contain a NUL character (\\u0000)'],
    ['a common password', 'password123', 'is one of the most common passwords: choose another'],
    ['a common password in capitals', 'QwertyUIOP', 'is one of the most common passwords: choose another'],
    ['a common number run', '1234567890', 'is one of the most common passwords: choose another'],
  ])('%s', (_, password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
    const result = Password.safeParse(password);
    expect(result.success).toBe(problem === undefined);
    if (problem) expect(result.error?.issues.map((i) => i.message)).toEqual([problem]);
  });

  test('the list is small, lower-case, and only holds what the length rule lets through', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(100);
    expect(COMMON_PASSWORDS.length).toBeLessThanOrEqual(200);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) {
      expect(p).toBe(p.toLowerCase());
      expect(p.length).toBeGreaterThanOrEqual(10);
    }
    expect(COMMON_PASSWORDS).not.toContain('stageflow-demo');
  });
});

describe('UserProfile: what sign-up and update-user may store', () => {
  const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } | undefined }) =>
    result.error?.issues.map((i) => i.path.join('.'));

  test.each<[string, Record<string, unknown>, string[] | undefined]>([
    ['a name', { name: 'Ada Lovelace' }, undefined],
    ['a name and an https picture', { name: 'Ada', image: 'https://example.com/ada.png' }, undefined],
    ['no picture', { name: 'Ada', image: null }, undefined],
    ['an empty picture', { name: 'Ada', image: '' }, undefined],
    ['a 1,000,000-character name', { name: 'x'.repeat(1_000_000) }, ['name']],
    ['a name of spaces', { name: '   ' }, ['name']],
    ['a javascript: picture', { name: 'Ada', image: 'javascript:alert(1)' }, ['image']],
    ['a NUL in the name', { name: 'Ada\u0000' }, ['name']],
  ])('%s', (_, profile, issues) => {
    expect(paths(UserProfile.safeParse(profile))).toEqual(issues);
  });

  test('an update sends only what changes, held to the same rules', () => {
    expect(UserProfileUpdate.safeParse({ image: 'https://example.com/a.png' }).success).toBe(true);
    expect(paths(UserProfileUpdate.safeParse({ image: 'javascript:alert(1)' }))).toEqual(['image']);
    expect(paths(UserProfileUpdate.safeParse({ name: 'x'.repeat(121) }))).toEqual(['name']);
  });
});
