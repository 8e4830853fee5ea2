import type { Question } from '@stageflow/domain';
import { interviewerInput } from '@stageflow/testing';
import { beforeEach, describe, expect, test } from 'vitest';
import { restApp } from '../http/rest-testing.ts';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';

/** A written assessment's questions through stages.create / update / import / export (docs/entities.md#question-set). */
let t: ApiKit;
let templateId: string;
let interviewerId: string;
beforeEach(async () => {
  t = await setupEngineApi();
  templateId = (await t.api.templates.create({ template_name: 'Backend', use_case: 'hiring' })).id;
  // Design 60 % and Coding 40 %.
  interviewerId = (await t.api.agentProfiles.create(interviewerInput())).id;
});

const essay = (extra: Record<string, unknown> = {}) =>
  t.api.stages.create({ evaluation_template_id: templateId, type: 'essay', stage_type: 'async_assessment', ...extra });

describe('stages.create with a question_set', () => {
  test('keeps the order, keeps given ids and gives the others one; other stages have []', async () => {
    const { stage } = await essay({
      agent_profile_id: interviewerId,
      question_set: [
        { id: 'why', prompt: 'Why us?', max_length: 500, dimension: 'Design' },
        { prompt: 'Tell us about a bug you fixed.', dimension: '' },
      ],
    });
    expect(stage?.question_set).toEqual([
      { id: 'why', prompt: 'Why us?', max_length: 500, dimension: 'Design' },
      { id: expect.stringMatching(/^[0-9a-f-]{36}$/), prompt: 'Tell us about a bug you fixed.' },
    ]);
    const { stage: other } = await t.api.stages.create({
      evaluation_template_id: templateId,
      type: 'panel',
      stage_type: 'manual_review',
    });
    expect(other?.question_set).toEqual([]);
  });

  test('another stage type is a BAD_REQUEST naming question_set', async () => {
    await expectTRPCError(
      t.api.stages.create({
        evaluation_template_id: templateId,
        type: 'panel',
        stage_type: 'manual_review',
        question_set: [{ prompt: 'Why?' }],
      }),
      'BAD_REQUEST',
      { issuePath: ['question_set'] },
    );
  });

  test("a dimension must be the stage interviewer's, and needs an interviewer", async () => {
    await expectTRPCError(
      essay({ agent_profile_id: interviewerId, question_set: [{ prompt: 'a' }, { prompt: 'b', dimension: 'Charm' }] }),
      'BAD_REQUEST',
      { issuePath: ['question_set', 1, 'dimension'], message: /not a dimension of .*use one of: Design, Coding/ },
    );
    await expectTRPCError(essay({ question_set: [{ prompt: 'a', dimension: 'Design' }] }), 'BAD_REQUEST', {
      issuePath: ['question_set', 0, 'dimension'],
    });
  });
});

describe('stages.update with a question_set', () => {
  test('ids survive an edit that reorders, rewords and adds; removing all is []', async () => {
    const { stage } = await essay({ question_set: [{ id: 'a', prompt: 'A' }, { prompt: 'B' }] });
    const [a, b] = (stage?.question_set ?? []) as [Question, Question];
    const { stage: edited } = await t.api.stages.update({
      id: stage?.id ?? '',
      question_set: [{ ...b, prompt: 'B, reworded', max_length: 100 }, a, { prompt: 'C' }],
    });
    expect(edited?.question_set.map((q) => [q.id, q.prompt])).toEqual([
      [b?.id, 'B, reworded'],
      ['a', 'A'],
      [expect.any(String), 'C'],
    ]);
    const { stage: cleared } = await t.api.stages.update({ id: stage?.id ?? '', question_set: [] });
    expect(cleared?.question_set).toEqual([]);
  });

  test('changing the type away with questions left is refused; clearing them in the same edit works', async () => {
    const { stage } = await essay({ question_set: [{ prompt: 'A' }] });
    const id = stage?.id ?? '';
    await expectTRPCError(t.api.stages.update({ id, stage_type: 'manual_review' }), 'BAD_REQUEST', {
      issuePath: ['question_set'],
    });
    const { stage: changed } = await t.api.stages.update({ id, stage_type: 'manual_review', question_set: [] });
    expect(changed?.stage_type).toBe('manual_review');
  });

  test('a new interviewer is checked against the dimensions the questions name', async () => {
    const { stage } = await essay({
      agent_profile_id: interviewerId,
      question_set: [{ prompt: 'A', dimension: 'Coding' }],
    });
    const other = await t.api.agentProfiles.create({
      ...interviewerInput(),
      name: 'Bea',
      evaluation_dimensions: [{ name: 'Empathy', weight: 100 }],
    });
    await expectTRPCError(t.api.stages.update({ id: stage?.id ?? '', agent_profile_id: other.id }), 'BAD_REQUEST', {
      issuePath: ['question_set', 0, 'dimension'],
    });
    // An edit that touches neither is not held to it.
    const { stage: renamed } = await t.api.stages.update({ id: stage?.id ?? '', stage_name: 'Essay' });
    expect(renamed?.stage_name).toBe('Essay');
  });
});

describe('import and export', () => {
  test('a question set round-trips, ids included, and import checks dimensions per stage', async () => {
    await essay({ agent_profile_id: interviewerId, question_set: [{ id: 'q1', prompt: 'A', dimension: 'Design' }] });
    const exported = await t.api.stages.export({ evaluation_template_id: templateId });
    expect(exported[0]?.question_set).toEqual([{ id: 'q1', prompt: 'A', dimension: 'Design' }]);

    const copy = (await t.api.templates.create({ template_name: 'Copy', use_case: 'hiring' })).id;
    await t.api.stages.import({ evaluation_template_id: copy, stages: exported });
    expect(await t.api.stages.export({ evaluation_template_id: copy })).toEqual(exported);

    await expectTRPCError(
      t.api.stages.import({
        evaluation_template_id: copy,
        stages: [
          { type: 'x' },
          { type: 'essay', stage_type: 'async_assessment', question_set: [{ prompt: 'A', dimension: 'Design' }] },
        ],
      }),
      'BAD_REQUEST',
      { issuePath: ['stages', 1, 'question_set', 0, 'dimension'] },
    );
  });
});

describe('over REST', () => {
  test('POST and PATCH /api/v1/evaluation-stages take a question_set; a bad one is a 400 naming it', async () => {
    const r = restApp();
    const template = await r.call('POST', '/evaluation-templates', { template_name: 'Backend', use_case: 'hiring' });
    const created = await r.call('POST', '/evaluation-stages', {
      evaluation_template_id: template.body.id,
      type: 'essay',
      stage_type: 'async_assessment',
      question_set: [{ id: 'why', prompt: 'Why us?', max_length: 300 }],
    });
    expect(created.status).toBe(200);
    expect(created.body.stage.question_set).toEqual([{ id: 'why', prompt: 'Why us?', max_length: 300 }]);

    const tooLong = await r.call('PATCH', `/evaluation-stages/${created.body.stage.id}`, {
      question_set: [{ prompt: 'Why?', max_length: 20_000 }],
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.issues).toEqual([{ path: ['question_set', 0, 'max_length'], message: expect.any(String) }]);
    const read = await r.call('GET', `/evaluation-stages/${created.body.stage.id}`);
    expect(read.body.question_set).toHaveLength(1);
  });
});
