import { interviewerInput } from '@stageflow/testing';
import { beforeEach, describe, expect, test } from 'vitest';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';

let t: ApiKit;
beforeEach(async () => {
  t = await setupEngineApi();
});

describe('agentProfiles', () => {
  test('create fills the documented defaults and byId reads it back', async () => {
    const created = await t.api.agentProfiles.create(interviewerInput());
    expect(created).toMatchObject({
      status: 'active',
      scoring: { scale: '0-10', scoring_method: 'weighted_average' },
      output: { include_transcript: true, include_score_breakdown: true },
    });
    expect(await t.api.agentProfiles.byId({ id: created.id })).toEqual(created);
  });

  test.each([
    [
      'weights that do not sum to 100',
      { evaluation_dimensions: [{ name: 'A', weight: 50 }] },
      ['evaluation_dimensions'],
    ],
    [
      'a dimension name used twice',
      {
        evaluation_dimensions: [
          { name: 'A', weight: 50 },
          { name: 'a', weight: 50 },
        ],
      },
      ['evaluation_dimensions', 1, 'name'],
    ],
    ['no dimensions', { evaluation_dimensions: [] }, ['evaluation_dimensions']],
    [
      'a weight that is not an integer',
      {
        evaluation_dimensions: [
          { name: 'A', weight: 99.5 },
          { name: 'B', weight: 0.5 },
        ],
      },
      ['evaluation_dimensions', 0, 'weight'],
    ],
    ['an unknown use case', { use_case: 'sales' }, ['use_case']],
    ['an empty name', { name: '' }, ['name']],
  ])('create refuses %s with BAD_REQUEST naming the field', async (_, overrides, path) => {
    await expectTRPCError(t.api.agentProfiles.create(interviewerInput(overrides as never)), 'BAD_REQUEST', {
      issuePath: path,
    });
  });

  test('create refuses unknown keys', async () => {
    await expectTRPCError(t.api.agentProfiles.create({ ...interviewerInput(), colour: 'red' } as never), 'BAD_REQUEST');
  });

  test('update changes only the given fields', async () => {
    const created = await t.api.agentProfiles.create(interviewerInput());
    const updated = await t.api.agentProfiles.update({ id: created.id, name: 'Ada Lovelace' });
    expect(updated).toEqual({ ...created, name: 'Ada Lovelace' });
  });

  test('archive hides it from the default list but keeps it readable', async () => {
    const created = await t.api.agentProfiles.create(interviewerInput());
    await t.api.agentProfiles.archive({ id: created.id });
    expect(await t.api.agentProfiles.list()).toEqual([]);
    expect(await t.api.agentProfiles.list({ status: 'archived' })).toHaveLength(1);
  });

  test('list searches by name, case-insensitively, with LIKE wildcards taken literally', async () => {
    await t.api.agentProfiles.create(interviewerInput({ name: 'Ada' }));
    await t.api.agentProfiles.create(interviewerInput({ name: '100% Bea' }));
    expect((await t.api.agentProfiles.list({ search: 'ADA' })).map((p) => p.name)).toEqual(['Ada']);
    expect((await t.api.agentProfiles.list({ search: '%' })).map((p) => p.name)).toEqual(['100% Bea']);
  });

  test('another workspace gets NOT_FOUND and sees nothing', async () => {
    const created = await t.api.agentProfiles.create(interviewerInput());
    await expectTRPCError(t.other.agentProfiles.byId({ id: created.id }), 'NOT_FOUND', { message: /Agent profile/ });
    await expectTRPCError(t.other.agentProfiles.update({ id: created.id, name: 'x' }), 'NOT_FOUND');
    await expectTRPCError(t.other.agentProfiles.archive({ id: created.id }), 'NOT_FOUND');
    expect(await t.other.agentProfiles.list({ status: 'all' })).toEqual([]);
    expect((await t.api.agentProfiles.byId({ id: created.id })).name).toBe('Ada');
  });
});
