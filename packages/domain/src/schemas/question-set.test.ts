import { describe, expect, it } from 'vitest';
import { checkQuestionDimensions } from '../pipeline/question-dimensions.ts';
import { applyStagePatch } from '../pipeline/stage-settings.ts';
import { stage } from '../pipeline/test-stages.ts';
import { MAX_QUESTIONS, QuestionSetInput, withQuestionIds } from './question-set.ts';
import { CreateStageInput, PortableStage, UpdateStageInput } from './stage.ts';

const TEMPLATE = '00000000-0000-4000-8000-000000000900';
const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('question_set (docs/entities.md#question-set)', () => {
  const cases: [string, unknown, string[]][] = [
    ['no questions', [], []],
    ['a prompt only', [{ prompt: 'Why us?' }], []],
    ['every field', [{ id: 'q-1', prompt: 'Why us?', max_length: 500, dimension: 'Communication' }], []],
    ['an empty prompt', [{ prompt: '  ' }], ['0.prompt']],
    ['a prompt over 2000 characters', [{ prompt: 'x'.repeat(2001) }], ['0.prompt']],
    ['a limit of 0', [{ prompt: 'a', max_length: 0 }], ['0.max_length']],
    ['a limit over 10000', [{ prompt: 'a', max_length: 10_001 }], ['0.max_length']],
    ['an id with a space', [{ id: 'q 1', prompt: 'a' }], ['0.id']],
    [
      'the same id twice',
      [
        { id: 'a', prompt: 'a' },
        { id: 'a', prompt: 'b' },
      ],
      ['1.id'],
    ],
    ['an unknown key', [{ prompt: 'a', weight: 3 }], ['0']],
    ['too many', Array.from({ length: MAX_QUESTIONS + 1 }, (_, i) => ({ prompt: `q${i}` })), ['']],
  ];
  it.each(cases)('%s', (_, value, paths) => {
    expect(issuePaths(QuestionSetInput.safeParse(value))).toEqual(paths);
  });

  it('ids are kept when given and generated when absent; an empty dimension is no dimension', () => {
    let n = 0;
    const parsed = QuestionSetInput.parse([
      { id: 'keep', prompt: 'A' },
      { prompt: 'B', dimension: '' },
    ]);
    expect(withQuestionIds(parsed, () => `new-${++n}`)).toEqual([
      { id: 'keep', prompt: 'A' },
      { id: 'new-1', prompt: 'B' },
    ]);
  });
});

describe('only a written assessment takes questions', () => {
  const questions = [{ prompt: 'Why us?' }];
  it.each([
    ['async_assessment', []],
    ['ai_interview', ['question_set']],
    ['manual_review', ['question_set']],
    [undefined, ['question_set']], // the default type is an AI interview
  ])('create as %s: %j', (stage_type, paths) => {
    const input = { evaluation_template_id: TEMPLATE, type: 'essay', stage_type, question_set: questions };
    expect(issuePaths(CreateStageInput.safeParse(input))).toEqual(paths);
    expect(issuePaths(PortableStage.safeParse({ type: 'essay', stage_type, question_set: questions }))).toEqual(paths);
  });

  it('any type takes an empty set', () => {
    expect(CreateStageInput.safeParse({ evaluation_template_id: TEMPLATE, type: 'x', question_set: [] }).success).toBe(
      true,
    );
  });

  it('an update that leaves questions on another type is a BAD_REQUEST naming question_set', () => {
    const essay = stage('essay', 0, { stage_type: 'async_assessment', question_set: [{ id: 'a', prompt: 'A' }] });
    expect(applyStagePatch(essay, { stage_type: 'manual_review' })).toMatchObject({
      code: 'BAD_REQUEST',
      issues: [{ path: ['question_set'] }],
    });
    expect(applyStagePatch(essay, { stage_type: 'manual_review', question_set: [] })).toMatchObject({
      stage_type: 'manual_review',
      question_set: [],
    });
    expect(applyStagePatch(stage('x', 0), { question_set: [{ id: 'a', prompt: 'A' }] })).toMatchObject({
      issues: [{ path: ['question_set'] }],
    });
    expect(UpdateStageInput.safeParse({ id: TEMPLATE, question_set: [{ prompt: 'A' }] }).success).toBe(true);
  });
});

describe('checkQuestionDimensions', () => {
  const interviewer = { name: 'Ada', evaluation_dimensions: [{ name: 'Communication' }, { name: 'Depth' }] };
  it.each([
    ['no dimension named', [{}], interviewer, []],
    ['a dimension of the interviewer', [{ dimension: 'Depth' }], interviewer, []],
    ['the same ignoring case and spaces', [{ dimension: ' communication ' }], interviewer, []],
    ['another name', [{}, { dimension: 'Charm' }], interviewer, ['question_set.1.dimension']],
    ['a dimension without an interviewer', [{ dimension: 'Depth' }], undefined, ['question_set.0.dimension']],
  ])('%s', (_, questions, profile, paths) => {
    const result = checkQuestionDimensions(questions, profile);
    expect(result?.issues.map((i) => i.path.join('.')) ?? []).toEqual(paths);
  });

  it('names the interviewer’s dimensions and where the stage sits in an import', () => {
    expect(checkQuestionDimensions([{ dimension: 'Charm' }], interviewer, ['stages', 2])?.message).toBe(
      'stages.2.question_set.0.dimension: "Charm" is not a dimension of Ada; use one of: Communication, Depth',
    );
  });
});
