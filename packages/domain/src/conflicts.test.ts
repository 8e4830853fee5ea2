import { describe, expect, test } from 'vitest';
import { emailAlreadyEnrolled, staleTemplateVersion, workspaceSlugTaken } from './conflicts.ts';
import type { DomainError } from './errors.ts';

const TEMPLATE_ID = '00000000-0000-4000-8000-000000000900';

describe('conflicts', () => {
  test.each<[string, DomainError, string, (string | number)[] | undefined]>([
    [
      'an email already enrolled, the template by name',
      emailAlreadyEnrolled('a@example.com', { id: TEMPLATE_ID, name: 'Senior Backend Engineer' }),
      'A participant with email a@example.com is already in evaluation template “Senior Backend Engineer”',
      ['email'],
    ],
    [
      'an email already enrolled, the template by id when its name is unknown',
      emailAlreadyEnrolled('a@example.com', { id: TEMPLATE_ID }),
      `A participant with email a@example.com is already in evaluation template ${TEMPLATE_ID}`,
      ['email'],
    ],
    ['a workspace slug taken', workspaceSlugTaken('acme'), 'A workspace with the slug "acme" already exists', ['slug']],
    [
      'a stale template version, the template by name',
      staleTemplateVersion({ template_name: 'Platform Engineer' }, 4, 2),
      'Evaluation template “Platform Engineer” was changed by someone else (now version 4, you edited version 2): reload and try again',
      undefined,
    ],
  ])('%s', (_, error, message, path) => {
    expect(error).toMatchObject({ code: 'CONFLICT', message });
    expect(error.issues[0]?.path).toEqual(path);
  });

  test('the email issue says what to fix on the field', () => {
    expect(emailAlreadyEnrolled('a@example.com', { id: TEMPLATE_ID }).issues).toEqual([
      { path: ['email'], message: 'a@example.com is already used by another participant in this evaluation template' },
    ]);
  });
});
