import { interviewerInput, SEED_EXAMPLE } from '@stageflow/testing';
import { beforeEach, describe, expect, test } from 'vitest';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';

let t: ApiKit;
let templateId: string;
beforeEach(async () => {
  t = await setupEngineApi();
  const template = await t.api.templates.create({
    template_name: 'Senior Backend Engineer',
    use_case: 'hiring',
    default_duration_minutes: 45,
    default_difficulty: 'advanced',
  });
  templateId = template.id;
});

const names = (stages: readonly { stage_name: string }[]) => stages.map((s) => s.stage_name);
const add = (type: string, extra: Record<string, unknown> = {}) =>
  t.api.stages.create({ evaluation_template_id: templateId, type, ...extra });

describe('stages.create', () => {
  test('derives the defaults from the type and the template', async () => {
    const { stage, version } = await add('phone_screen');
    expect(version).toBe(1);
    expect(stage).toMatchObject({
      stage_name: 'Phone Screen',
      stage_type: 'ai_interview',
      stage_order: 0,
      duration_minutes: 45,
      difficulty: 'advanced',
      pass_threshold: null,
      allow_retake: false,
      max_attempts: 1,
      retake_cooldown_hours: 0,
      automation_rule: 'none',
      auto_reject: false,
      status: 'active',
    });
  });

  test('appends by default, and inserting at an order shifts the stages after it', async () => {
    await add('screen');
    await add('final');
    const { stages } = await add('technical', { stage_order: 1 });
    expect(stages.map((s) => [s.stage_order, s.type])).toEqual([
      [0, 'screen'],
      [1, 'technical'],
      [2, 'final'],
    ]);
  });

  test('allow_retake defaults max_attempts to 2, and refuses max_attempts without retakes', async () => {
    expect((await add('tech', { allow_retake: true })).stage?.max_attempts).toBe(2);
    await expectTRPCError(add('tech', { max_attempts: 3 }), 'BAD_REQUEST', { issuePath: ['max_attempts'] });
  });

  test.each([
    ['pass_threshold', 150],
    ['pass_threshold', -1],
    ['duration_minutes', 4],
    ['duration_minutes', 241],
    ['stage_order', -1],
    ['stage_type', 'coffee_chat'],
    ['automation_rule', 'auto_hire'],
    ['max_attempts', 11],
  ])('refuses %s = %s with BAD_REQUEST naming the field', async (field, value) => {
    const error = await expectTRPCError(add('tech', { [field]: value }), 'BAD_REQUEST', { issuePath: [field] });
    expect(error.message).toMatch(field);
    expect((await t.api.stages.list({ evaluation_template_id: templateId })).length).toBe(0);
  });

  test('an order past the end is refused, naming the range', async () => {
    await add('screen');
    await expectTRPCError(add('tech', { stage_order: 5 }), 'BAD_REQUEST', { issuePath: ['stage_order'] });
  });

  test('the interviewer must be an active one of this workspace', async () => {
    const theirs = await t.other.agentProfiles.create(interviewerInput());
    await expectTRPCError(add('tech', { agent_profile_id: theirs.id }), 'BAD_REQUEST', {
      issuePath: ['agent_profile_id'],
    });
    const ours = await t.api.agentProfiles.create(interviewerInput());
    await t.api.agentProfiles.archive({ id: ours.id });
    await expectTRPCError(add('tech', { agent_profile_id: ours.id }), 'BAD_REQUEST', { message: /archived/ });
  });

  test('a stale expected_version is a CONFLICT and changes nothing', async () => {
    await add('screen', { expected_version: 0 });
    await expectTRPCError(add('tech', { expected_version: 0 }), 'CONFLICT', { message: /reload/ });
    expect(names(await t.api.stages.list({ evaluation_template_id: templateId }))).toEqual(['Screen']);
  });

  test('a template of another workspace is NOT_FOUND', async () => {
    await expectTRPCError(t.other.stages.create({ evaluation_template_id: templateId, type: 'x' }), 'NOT_FOUND');
  });
});

describe('stages.update', () => {
  test('edits fields and moves the stage with stage_order', async () => {
    await add('screen');
    await add('technical');
    const { stage: last } = await add('final');
    const { stages } = await t.api.stages.update({ id: last!.id, stage_order: 0, pass_threshold: 80 });
    expect(names(stages)).toEqual(['Final', 'Screen', 'Technical']);
    expect(stages[0]).toMatchObject({ pass_threshold: 80, stage_order: 0 });
  });

  test('turning retakes off brings max_attempts back to 1', async () => {
    const { stage } = await add('tech', { allow_retake: true, max_attempts: 4 });
    const { stage: updated } = await t.api.stages.update({ id: stage!.id, allow_retake: false });
    expect(updated).toMatchObject({ allow_retake: false, max_attempts: 1 });
  });

  test('bad input names the field and keeps what was saved', async () => {
    const { stage } = await add('tech', { pass_threshold: 70 });
    await expectTRPCError(t.api.stages.update({ id: stage!.id, pass_threshold: 150 }), 'BAD_REQUEST', {
      issuePath: ['pass_threshold'],
    });
    expect((await t.api.stages.list({ evaluation_template_id: templateId }))[0]?.pass_threshold).toBe(70);
  });

  test('another workspace gets NOT_FOUND', async () => {
    const { stage } = await add('tech');
    await expectTRPCError(t.other.stages.update({ id: stage!.id, pass_threshold: 1 }), 'NOT_FOUND');
  });
});

describe('stages.reorder, archive, delete', () => {
  test('reorder takes every live stage once', async () => {
    const ids = [];
    for (const type of ['a', 'b', 'c']) ids.push((await add(type)).stage!.id);
    const { stages } = await t.api.stages.reorder({
      evaluation_template_id: templateId,
      stage_ids: [ids[2]!, ids[0]!, ids[1]!],
    });
    expect(names(stages)).toEqual(['C', 'A', 'B']);
    await expectTRPCError(
      t.api.stages.reorder({ evaluation_template_id: templateId, stage_ids: [ids[0]!, ids[1]!] }),
      'BAD_REQUEST',
      { issuePath: ['stage_ids'] },
    );
  });

  test('archive removes the stage from the order and closes the gap', async () => {
    await add('a');
    const { stage } = await add('b');
    await add('c');
    const { stages } = await t.api.stages.archive({ id: stage!.id });
    expect(stages.map((s) => [s.stage_order, s.stage_name])).toEqual([
      [0, 'A'],
      [1, 'C'],
    ]);
    const all = await t.api.stages.list({ evaluation_template_id: templateId, include_archived: true });
    expect(all.find((s) => s.id === stage!.id)).toMatchObject({ status: 'archived', stage_order: null });
    await expectTRPCError(t.api.stages.archive({ id: stage!.id }), 'CONFLICT');
  });

  test('delete removes the stage for good', async () => {
    const { stage } = await add('a');
    await add('b');
    const { stages } = await t.api.stages.delete({ id: stage!.id });
    expect(stages.map((s) => [s.stage_order, s.stage_name])).toEqual([[0, 'B']]);
    await expectTRPCError(t.api.stages.delete({ id: stage!.id }), 'NOT_FOUND');
  });

  test('another workspace cannot reorder, archive or delete', async () => {
    const { stage } = await add('a');
    await expectTRPCError(
      t.other.stages.reorder({ evaluation_template_id: templateId, stage_ids: [stage!.id] }),
      'NOT_FOUND',
    );
    await expectTRPCError(t.other.stages.archive({ id: stage!.id }), 'NOT_FOUND');
    await expectTRPCError(t.other.stages.delete({ id: stage!.id }), 'NOT_FOUND');
    expect(await t.api.stages.list({ evaluation_template_id: templateId })).toHaveLength(1);
  });
});

describe('stages.usage', () => {
  test('says who uses each live stage, and the refusals it reports are the ones archive and delete give, by name', async () => {
    const { stage: screen } = await add('screen', { stage_type: 'manual_review' });
    const { stage: panel } = await add('panel', { stage_type: 'manual_review' });
    await t.api.participants.create({ evaluation_template_id: templateId, name: 'Ada', email: 'ada@example.com' });

    const usage = await t.api.stages.usage({ evaluation_template_id: templateId });
    expect(usage.map((u) => [u.stage_id, u.active_participants, u.archive_refused === null])).toEqual([
      [screen!.id, 1, false],
      [panel!.id, 0, true],
    ]);
    const [inUse, unused] = usage;
    expect(inUse!.participant_records).toBeGreaterThan(0);
    expect(inUse!.archive_refused).toBe(
      'The stage "Screen" has 1 active participant in it: move them on before archiving it',
    );
    expect(inUse!.delete_refused).toMatch(
      /^The stage "Screen" is used by \d+ participant records?, so it cannot be deleted: archive it instead$/,
    );
    expect(unused).toMatchObject({ participant_records: 0, delete_refused: null });

    expect((await expectTRPCError(t.api.stages.delete({ id: screen!.id }), 'CONFLICT')).message).toBe(
      inUse!.delete_refused,
    );
    expect((await expectTRPCError(t.api.stages.archive({ id: screen!.id }), 'CONFLICT')).message).toBe(
      inUse!.archive_refused,
    );
    for (const text of [inUse!.archive_refused, inUse!.delete_refused]) expect(text).not.toContain(screen!.id);
  });

  test('a stale version is refused with the template named, not its id', async () => {
    await add('screen');
    const stale = await expectTRPCError(
      t.api.stages.create({ evaluation_template_id: templateId, type: 'x', expected_version: 0 }),
      'CONFLICT',
    );
    expect(stale.message).toBe(
      'Evaluation template “Senior Backend Engineer” was changed by someone else (now version 1, you edited version 0): reload and try again',
    );
  });

  test('another workspace cannot read it', async () => {
    await expectTRPCError(t.other.stages.usage({ evaluation_template_id: templateId }), 'NOT_FOUND');
  });
});

describe('stages.validate', () => {
  test('reports every problem at once, naming the stage', async () => {
    await t.api.stages.import({ evaluation_template_id: templateId, stages: [...SEED_EXAMPLE] });
    await add('debrief', { stage_type: 'manual_review', automation_rule: 'none', auto_reject: true });
    const { runnable, problems } = await t.api.stages.validate({ evaluation_template_id: templateId });
    expect(runnable).toBe(false);
    expect(problems.map((p) => [p.code, p.stage_name])).toEqual(
      expect.arrayContaining([
        ['MISSING_INTERVIEWER', 'Phone Screen'],
        ['MISSING_INTERVIEWER', 'Technical'],
        ['FINAL_REVIEW_NOT_LAST', 'Final'],
        ['AUTO_REJECT_WITHOUT_AUTO_ADVANCE', 'Debrief'],
      ]),
    );
  });

  test('an empty pipeline has no active stage', async () => {
    const { problems } = await t.api.stages.validate({ evaluation_template_id: templateId });
    expect(problems.map((p) => p.code)).toEqual(['NO_ACTIVE_STAGE']);
  });

  test('a complete pipeline is runnable', async () => {
    const ada = await t.api.agentProfiles.create(interviewerInput());
    await t.api.stages.import({
      evaluation_template_id: templateId,
      stages: SEED_EXAMPLE.map((s) => (s.stage_type === 'ai_interview' ? { ...s, agent_profile_id: ada.id } : s)),
    });
    expect(await t.api.stages.validate({ evaluation_template_id: templateId })).toEqual({
      runnable: true,
      problems: [],
    });
  });
});

describe('stages.import and export', () => {
  test("the seed's example imports as-is, and export gives the same shape back", async () => {
    const { stages } = await t.api.stages.import({ evaluation_template_id: templateId, stages: [...SEED_EXAMPLE] });
    expect(stages.map((s) => [s.type, s.stage_name, s.stage_type, s.pass_threshold, s.automation_rule])).toEqual([
      ['phone_screen', 'Phone Screen', 'ai_interview', 60, 'auto_advance'],
      ['technical', 'Technical', 'ai_interview', 75, 'require_reviewer_approval'],
      ['final', 'Final', 'final_review', 80, 'none'],
    ]);
    const exported = await t.api.stages.export({ evaluation_template_id: templateId });
    expect(exported).toHaveLength(3);
    exported.forEach((e, i) => {
      expect(e).toMatchObject(SEED_EXAMPLE[i]!);
    });

    const copy = await t.api.templates.create({ template_name: 'Copy', use_case: 'hiring' });
    await t.api.stages.import({ evaluation_template_id: copy.id, stages: exported });
    expect(await t.api.stages.export({ evaluation_template_id: copy.id })).toEqual(exported);
  });

  test('replace archives the live stages first; append adds after them', async () => {
    await add('old');
    const appended = await t.api.stages.import({ evaluation_template_id: templateId, stages: [...SEED_EXAMPLE] });
    expect(names(appended.stages)).toEqual(['Old', 'Phone Screen', 'Technical', 'Final']);
    const replaced = await t.api.stages.import({
      evaluation_template_id: templateId,
      stages: [...SEED_EXAMPLE],
      mode: 'replace',
    });
    expect(names(replaced.stages)).toEqual(['Phone Screen', 'Technical', 'Final']);
  });

  test('replace is refused while participants are in a live stage, and changes nothing', async () => {
    await add('screen', { stage_type: 'manual_review' });
    await t.api.participants.create({ evaluation_template_id: templateId, name: 'Ada', email: 'ada@example.com' });
    await expectTRPCError(
      t.api.stages.import({ evaluation_template_id: templateId, stages: [...SEED_EXAMPLE], mode: 'replace' }),
      'CONFLICT',
      { message: /has 1 active participant in it/ },
    );
    expect(names(await t.api.stages.list({ evaluation_template_id: templateId }))).toEqual(['Screen']);
  });

  test('one bad item refuses the whole import, naming the item and field', async () => {
    await expectTRPCError(
      t.api.stages.import({
        evaluation_template_id: templateId,
        stages: [SEED_EXAMPLE[0], { ...SEED_EXAMPLE[1], pass_threshold: 150 }],
      }),
      'BAD_REQUEST',
      { issuePath: ['stages', 1, 'pass_threshold'] },
    );
    expect(await t.api.stages.list({ evaluation_template_id: templateId })).toEqual([]);
  });

  test('another workspace cannot import into, export or validate the template', async () => {
    await expectTRPCError(
      t.other.stages.import({ evaluation_template_id: templateId, stages: [...SEED_EXAMPLE] }),
      'NOT_FOUND',
    );
    await expectTRPCError(t.other.stages.export({ evaluation_template_id: templateId }), 'NOT_FOUND');
    await expectTRPCError(t.other.stages.validate({ evaluation_template_id: templateId }), 'NOT_FOUND');
    await expectTRPCError(t.other.stages.list({ evaluation_template_id: templateId }), 'NOT_FOUND');
  });
});
