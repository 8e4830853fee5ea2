import { describe, expect, test } from 'vitest';
import { CreateWorkspaceInput, WorkspaceDetails, WorkspaceDetailsUpdate } from './workspace.ts';

const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } | undefined }) =>
  result.error?.issues.map((i) => i.path.join('.'));

describe('WorkspaceDetails: the same rules on create and on every update', () => {
  const acme = { name: 'Acme Hiring', slug: 'acme-hiring' };

  test.each<[string, Record<string, unknown>, string[] | undefined]>([
    ['name and slug', acme, undefined],
    ['with an https logo', { ...acme, logo: 'https://example.com/logo.png' }, undefined],
    ['with no logo', { ...acme, logo: null }, undefined],
    ['a slug with spaces and markup', { ...acme, slug: 'Bad Slug <x>' }, ['slug']],
    ['a 5,000-character name', { ...acme, name: 'x'.repeat(5000) }, ['name']],
    ['a javascript: logo', { ...acme, logo: 'javascript:alert(1)' }, ['logo']],
    ['a NUL in the name', { ...acme, name: 'Acme\u0000' }, ['name']],
  ])('%s', (_, details, issues) => {
    expect(paths(WorkspaceDetails.safeParse(details))).toEqual(issues);
    const update = WorkspaceDetailsUpdate.safeParse(
      Object.fromEntries(Object.entries(details).filter(([k]) => k !== 'name' || issues?.includes('name'))),
    );
    expect(paths(update)).toEqual(issues);
  });

  test('the CLI takes the same name and slug rules', () => {
    expect(paths(CreateWorkspaceInput.safeParse({ name: 'x'.repeat(5000), slug: 'Bad Slug <x>' }))).toEqual([
      'name',
      'slug',
    ]);
  });
});
