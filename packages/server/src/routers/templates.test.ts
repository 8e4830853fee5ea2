import { SEED_EXAMPLE } from '@stageflow/testing';
import { beforeEach, describe, expect, test } from 'vitest';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';

let t: ApiKit;
beforeEach(async () => {
  t = await setupEngineApi();
});

const create = (overrides: Record<string, unknown> = {}) =>
  t.api.templates.create({ template_name: 'Senior Backend Engineer', use_case: 'hiring', ...overrides });

describe('templates', () => {
  test.each([
    ['hiring', 'hire_no_hire'],
    ['admissions', 'admit_reject'],
    ['training', 'ready_needs_training'],
    ['custom_api', 'pass_fail'],
  ] as const)('a %s template defaults to the %s outcome', async (use_case, outcome) => {
    expect((await create({ use_case })).success_outcome).toBe(outcome);
  });

  test('create fills the documented defaults', async () => {
    expect(await create()).toMatchObject({
      status: 'active',
      default_duration_minutes: 30,
      default_difficulty: 'intermediate',
      language: 'en',
      skills: [],
      version: 0,
    });
  });

  test('a custom outcome needs labels, on create and on update', async () => {
    await expectTRPCError(create({ success_outcome: 'custom' }), 'BAD_REQUEST', {
      issuePath: ['custom_outcome_labels'],
    });
    const template = await create();
    await expectTRPCError(t.api.templates.update({ id: template.id, success_outcome: 'custom' }), 'BAD_REQUEST', {
      issuePath: ['custom_outcome_labels'],
    });
    const updated = await t.api.templates.update({
      id: template.id,
      success_outcome: 'custom',
      custom_outcome_labels: { positive: 'ship', negative: 'hold' },
    });
    expect(updated.custom_outcome_labels).toEqual({ positive: 'ship', negative: 'hold' });
  });

  test('list filters by status and searches by name, with stage names in order', async () => {
    const backend = await create();
    await t.api.stages.import({ evaluation_template_id: backend.id, stages: [...SEED_EXAMPLE] });
    const draft = await create({ template_name: 'Nursing Admissions', use_case: 'admissions', status: 'draft' });
    expect((await t.api.templates.list({ status: 'draft' })).map((x) => x.id)).toEqual([draft.id]);
    const [found] = await t.api.templates.list({ search: 'backend' });
    expect(found).toMatchObject({
      id: backend.id,
      stage_count: 3,
      stage_names: ['Phone Screen', 'Technical', 'Final'],
    });
  });

  test('the list says whether each template can take participants, and how many problems stop it', async () => {
    const ready = await create();
    await t.api.stages.import({
      evaluation_template_id: ready.id,
      stages: [{ stage_name: 'Review', stage_type: 'manual_review' }],
    });
    const empty = await create({ template_name: 'No stages yet' });
    const list = await t.api.templates.list();
    expect(list.find((x) => x.id === ready.id)).toMatchObject({ runnable: true, problems: 0 });
    expect(list.find((x) => x.id === empty.id)).toMatchObject({ runnable: false, problems: 1 });
  });

  test('names are unique among live templates: a second is a 409 on template_name', async () => {
    const first = await create();
    // Case, accents and spaces do not make a name another.
    for (const template_name of ['Senior Backend Engineer', 'senior  backend engineer ', 'Sénior Backend Engineer']) {
      await expectTRPCError(create({ template_name }), 'CONFLICT', {
        message: /already called/,
        issuePath: ['template_name'],
      });
    }
    const other = await create({ template_name: 'Staff Backend Engineer', status: 'draft' });
    await expectTRPCError(
      t.api.templates.update({ id: other.id, template_name: 'Senior backend engineer' }),
      'CONFLICT',
      {
        issuePath: ['template_name'],
      },
    );
    // Editing a template under its own name is fine; an archived one frees its name.
    await t.api.templates.update({ id: first.id, template_name: 'Senior Backend Engineer', level: 'Senior' });
    await t.api.templates.archive({ id: first.id });
    const again = await create();
    expect(again.template_name).toBe('Senior Backend Engineer');
    // Restoring the archived one would make two live templates of that name.
    await expectTRPCError(t.api.templates.update({ id: first.id, status: 'active' }), 'CONFLICT', {
      issuePath: ['template_name'],
    });
  });

  test('an unnamed copy takes the next free “(copy n)” name; a named one follows the rule', async () => {
    const template = await create();
    expect((await t.api.templates.duplicate({ id: template.id })).template_name).toBe('Senior Backend Engineer (copy)');
    expect((await t.api.templates.duplicate({ id: template.id })).template_name).toBe(
      'Senior Backend Engineer (copy 2)',
    );
    await expectTRPCError(
      t.api.templates.duplicate({ id: template.id, template_name: 'Senior Backend Engineer' }),
      'CONFLICT',
      {
        issuePath: ['template_name'],
      },
    );
  });

  test('byId returns the live stages in order', async () => {
    const template = await create();
    await t.api.stages.import({ evaluation_template_id: template.id, stages: [...SEED_EXAMPLE] });
    const loaded = await t.api.templates.byId({ id: template.id });
    expect(loaded.stages.map((s) => [s.stage_order, s.stage_name])).toEqual([
      [0, 'Phone Screen'],
      [1, 'Technical'],
      [2, 'Final'],
    ]);
  });

  test('duplicate copies the template as a draft with its stages', async () => {
    const template = await create();
    await t.api.stages.import({ evaluation_template_id: template.id, stages: [...SEED_EXAMPLE] });
    const copy = await t.api.templates.duplicate({ id: template.id });
    expect(copy).toMatchObject({ template_name: 'Senior Backend Engineer (copy)', status: 'draft', version: 0 });
    const stages = await t.api.stages.list({ evaluation_template_id: copy.id });
    expect(stages.map((s) => s.stage_name)).toEqual(['Phone Screen', 'Technical', 'Final']);
    expect(stages.every((s) => s.evaluation_template_id === copy.id)).toBe(true);
  });

  test('archive sets the status', async () => {
    const template = await create();
    expect((await t.api.templates.archive({ id: template.id })).status).toBe('archived');
  });

  test('bad input names the field', async () => {
    await expectTRPCError(create({ default_duration_minutes: 1 }), 'BAD_REQUEST', {
      issuePath: ['default_duration_minutes'],
    });
    await expectTRPCError(create({ template_name: '   ' }), 'BAD_REQUEST', { issuePath: ['template_name'] });
  });

  test('another workspace gets NOT_FOUND everywhere and sees nothing', async () => {
    const template = await create();
    await expectTRPCError(t.other.templates.byId({ id: template.id }), 'NOT_FOUND', {
      message: new RegExp(template.id),
    });
    await expectTRPCError(t.other.templates.update({ id: template.id, template_name: 'x' }), 'NOT_FOUND');
    await expectTRPCError(t.other.templates.archive({ id: template.id }), 'NOT_FOUND');
    await expectTRPCError(t.other.templates.duplicate({ id: template.id }), 'NOT_FOUND');
    expect(await t.other.templates.list()).toEqual([]);
    expect((await t.api.templates.byId({ id: template.id })).template_name).toBe('Senior Backend Engineer');
  });
});
