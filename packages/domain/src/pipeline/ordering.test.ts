import { describe, expect, test } from 'vitest';
import { type DomainError, isDomainError } from '../errors.ts';
import {
  archiveStage,
  changedStages,
  insertStage,
  liveStages,
  MAX_LIVE_STAGES,
  moveStage,
  type OrderedStage,
  removeStage,
  reorderStages,
} from './ordering.ts';
import { frozen, pipeline, stage } from './test-stages.ts';

/** `a:0` is stage a at place 0; `x:-` is archived stage x. */
const shape = (result: readonly OrderedStage[] | DomainError) =>
  isDomainError(result) ? result : result.map((s) => `${s.id}:${s.stage_order ?? '-'}`);

const abc = frozen([...pipeline('a', 'b', 'c'), stage('x', null)]);

describe('liveStages', () => {
  test('given stages in any array order, it returns the draft and active ones by stage_order', () => {
    const stages = [stage('c', 2, { status: 'draft' }), stage('x', null), stage('a', 0), stage('b', 1)];
    expect(shape(liveStages(stages))).toEqual(['a:0', 'b:1', 'c:2']);
  });
});

describe('insertStage', () => {
  test.each([
    ['at the end when no order is given', undefined, ['a:0', 'b:1', 'c:2', 'n:3', 'x:-']],
    ['first, shifting every stage', 0, ['n:0', 'a:1', 'b:2', 'c:3', 'x:-']],
    ['in the middle, shifting the ones after', 1, ['a:0', 'n:1', 'b:2', 'c:3', 'x:-']],
    ['at n, which is the end', 3, ['a:0', 'b:1', 'c:2', 'n:3', 'x:-']],
  ])('inserts %s', (_, at, expected) => {
    expect(shape(insertStage(abc, stage('n', null, { status: 'draft' }), at))).toEqual(expected);
  });

  test('into an empty template, the stage gets order 0', () => {
    expect(shape(insertStage([], stage('n', null, { status: 'active' })))).toEqual(['n:0']);
  });

  test.each([
    [-1, 'stage_order: must be between 0 and 3'],
    [4, 'stage_order: must be between 0 and 3'],
    [1.5, 'stage_order: must be between 0 and 3'],
  ])('refuses order %s with BAD_REQUEST naming the allowed range', (at, message) => {
    const result = insertStage(abc, stage('n', null, { status: 'active' }), at);
    expect(result).toMatchObject({ code: 'BAD_REQUEST', message, issues: [{ path: ['stage_order'] }] });
  });

  test('with no live stages, the only allowed order is 0', () => {
    expect(insertStage([], stage('n', null, { status: 'active' }), 1)).toMatchObject({
      message: 'stage_order: must be 0',
    });
  });

  test('refuses an id that is already there, and an archived new stage', () => {
    expect(insertStage(abc, stage('x', null, { status: 'active' }))).toMatchObject({ code: 'CONFLICT' });
    expect(insertStage(abc, stage('n', null))).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: ['status'] }] });
  });

  test(`refuses a stage past ${MAX_LIVE_STAGES} live ones`, () => {
    const full = pipeline(...Array.from({ length: MAX_LIVE_STAGES }, (_, i) => `s${i}`));
    expect(insertStage(full, stage('n', null, { status: 'active' }))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('moveStage', () => {
  test.each([
    ['a', 2, ['b:0', 'c:1', 'a:2', 'x:-']],
    ['c', 0, ['c:0', 'a:1', 'b:2', 'x:-']],
    ['b', 1, ['a:0', 'b:1', 'c:2', 'x:-']],
    ['a', 1, ['b:0', 'a:1', 'c:2', 'x:-']],
  ])('moving %s to %s shifts the stages between', (id, to, expected) => {
    expect(shape(moveStage(abc, id, to))).toEqual(expected);
  });

  test.each([
    ['an unknown stage', 'zz', 0, 'NOT_FOUND'],
    ['an archived stage', 'x', 0, 'CONFLICT'],
    ['past the last place', 'a', 3, 'BAD_REQUEST'],
    ['before the first place', 'a', -1, 'BAD_REQUEST'],
  ])('refuses to move %s', (_, id, to, code) => {
    expect(moveStage(abc, id, to)).toMatchObject({ code });
  });

  test('the range it names is 0..n-1', () => {
    expect(moveStage(abc, 'a', 3)).toMatchObject({ message: 'stage_order: must be between 0 and 2' });
  });
});

describe('archiveStage', () => {
  test('archiving takes the stage out of the order and closes the gap', () => {
    const result = archiveStage(abc, 'b');
    expect(shape(result)).toEqual(['a:0', 'c:1', 'x:-', 'b:-']);
    expect(isDomainError(result) ? undefined : result.find((s) => s.id === 'b')?.status).toBe('archived');
  });

  test.each([
    ['an unknown stage', 'zz', 0, 'NOT_FOUND', /zz was not found/],
    ['an archived stage', 'x', 0, 'CONFLICT', /^The stage "X" is archived/],
    ['a stage with participants in it', 'b', 2, 'CONFLICT', /has 2 active participants in it/],
  ])('refuses %s', (_, id, participants, code, message) => {
    expect(archiveStage(abc, id, participants)).toMatchObject({ code, message: expect.stringMatching(message) });
  });
});

describe('removeStage', () => {
  test.each([
    ['a live stage, closing the gap', 'a', ['b:0', 'c:1', 'x:-']],
    ['an archived stage', 'x', ['a:0', 'b:1', 'c:2']],
  ])('deletes %s', (_, id, expected) => {
    expect(shape(removeStage(abc, id))).toEqual(expected);
  });

  test('refuses an unknown stage, and a referenced one (archive it instead)', () => {
    expect(removeStage(abc, 'zz')).toMatchObject({ code: 'NOT_FOUND' });
    expect(removeStage(abc, 'a', 1)).toMatchObject({ code: 'CONFLICT', message: /1 participant record:/ });
  });
});

describe('reorderStages', () => {
  test('given every live stage once, it takes their new order', () => {
    expect(shape(reorderStages(abc, ['c', 'a', 'b']))).toEqual(['c:0', 'a:1', 'b:2', 'x:-']);
  });

  test.each([
    ['a missing stage', ['c', 'a'], [{ path: ['stage_ids'], message: 'missing b' }]],
    ['a duplicate', ['a', 'b', 'c', 'a'], [{ path: ['stage_ids', 3], message: 'a is named more than once' }]],
    [
      'an unknown id',
      ['a', 'b', 'c', 'zz'],
      [{ path: ['stage_ids', 3], message: 'zz is not a live stage of this template' }],
    ],
    [
      'an archived stage',
      ['a', 'b', 'c', 'x'],
      [{ path: ['stage_ids', 3], message: 'x is not a live stage of this template' }],
    ],
    [
      'all at once',
      ['zz', 'a', 'a'],
      [
        { path: ['stage_ids', 0], message: 'zz is not a live stage of this template' },
        { path: ['stage_ids', 2], message: 'a is named more than once' },
        { path: ['stage_ids'], message: 'missing b, c' },
      ],
    ],
  ])('refuses %s with BAD_REQUEST on stage_ids', (_, ids, issues) => {
    const result = reorderStages(abc, ids);
    expect(result).toMatchObject({ code: 'BAD_REQUEST', issues, message: expect.stringMatching(/^stage_ids: /) });
  });
});

describe('changedStages', () => {
  test('after a move, only the stages whose place changed are written', () => {
    const after = moveStage(abc, 'c', 1);
    expect(isDomainError(after) ? after : changedStages(abc, after).map((s) => s.id)).toEqual(['c', 'b']);
  });

  test('after an archive, the archived stage and the ones that moved up are written', () => {
    const after = archiveStage(abc, 'a');
    expect(isDomainError(after) ? after : changedStages(abc, after).map((s) => s.id)).toEqual(['b', 'c', 'a']);
  });

  test('a new stage counts as changed; an unchanged pipeline writes nothing', () => {
    const after = insertStage(abc, stage('n', null, { status: 'active' }));
    expect(isDomainError(after) ? after : changedStages(abc, after).map((s) => s.id)).toEqual(['n']);
    expect(changedStages(abc, abc)).toEqual([]);
  });
});

test('every rule returns a new array and leaves its frozen input as it was', () => {
  const snapshot = structuredClone(abc);
  const results = [
    insertStage(abc, stage('n', null, { status: 'active' }), 0),
    moveStage(abc, 'a', 2),
    archiveStage(abc, 'a'),
    removeStage(abc, 'a'),
    reorderStages(abc, ['c', 'b', 'a']),
  ];
  for (const result of results) expect(result).not.toBe(abc);
  expect(abc).toEqual(snapshot);
});
