import { API_KEY_SCOPES, CreateApiKeyInput } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import { creatorName, describeScopes, newApiKeyValues, SCOPE_GROUPS, scopeLabel, toggleScope } from './api-keys.ts';

describe('the scope table', () => {
  test('every scope appears exactly once, under its resource and action', () => {
    const listed = SCOPE_GROUPS.flatMap((g) => Object.values(g.actions));
    expect([...listed].sort()).toEqual([...API_KEY_SCOPES].sort());
    expect(SCOPE_GROUPS.find((g) => g.resource === 'participants')?.actions).toEqual({
      read: 'participants.read',
      write: 'participants.write',
      delete: 'participants.delete',
    });
    expect(SCOPE_GROUPS.find((g) => g.resource === 'decisions')?.actions).toEqual({ write: 'decisions.write' });
    expect(SCOPE_GROUPS.map((g) => g.label)).toContain('Evaluation stages');
  });

  test('labels and summaries read as words', () => {
    expect(scopeLabel('participants.delete')).toBe('Participants: delete');
    expect(describeScopes([...API_KEY_SCOPES])).toEqual(['All scopes']);
    expect(describeScopes(['events.read', 'sessions.write'])).toEqual(['Events: read', 'Sessions: write']);
  });
});

describe('choosing scopes', () => {
  test.each([
    { given: [], toggle: 'events.read', checked: true, gives: ['events.read'] },
    {
      given: ['events.read'],
      toggle: 'agent_profiles.read',
      checked: true,
      gives: ['agent_profiles.read', 'events.read'],
    },
    { given: ['events.read', 'sessions.read'], toggle: 'events.read', checked: false, gives: ['sessions.read'] },
    { given: ['events.read'], toggle: 'all', checked: true, gives: ['all'] },
    { given: ['all'], toggle: 'all', checked: false, gives: [] },
    { given: ['all'], toggle: 'events.read', checked: true, gives: ['events.read'] },
  ] as const)('$given, $toggle → $checked gives $gives', ({ given, toggle, checked, gives }) => {
    expect(toggleScope(given, toggle, checked)).toEqual(gives);
  });

  test('the empty form is refused by the server schema with words beside the fields', () => {
    const result = CreateApiKeyInput.safeParse(newApiKeyValues());
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'scopes']));
    expect(result.error?.issues.find((i) => i.path[0] === 'scopes')?.message).toBe('choose at least one scope');
    expect(CreateApiKeyInput.safeParse({ name: 'CI', scopes: ['all'] }).success).toBe(true);
  });
});

test('who made a key', () => {
  const members = [{ user_id: 'u1', name: 'Ada' }];
  expect(creatorName('user:u1', members)).toBe('Ada');
  expect(creatorName('cli', members)).toBe('the CLI');
  expect(creatorName('user:gone', members)).toBeUndefined();
});
