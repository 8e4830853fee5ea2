import { describe, expect, test } from 'vitest';
import { editStage } from './edit.ts';
import { resolveNewStage } from './stage-settings.ts';

const stage = (id: string, order: number) => ({
  ...resolveNewStage({ type: id }, {}),
  id,
  stage_order: order,
});
const pipeline = [stage('a', 0), stage('b', 1), stage('c', 2)];

describe('editStage', () => {
  test('changes the settings and keeps the place when no order is given', () => {
    const next = editStage(pipeline, 'b', { pass_threshold: 70 });
    expect(next).toMatchObject([{ id: 'a' }, { id: 'b', pass_threshold: 70, stage_order: 1 }, { id: 'c' }]);
  });

  test('moves the stage when an order is given', () => {
    const next = editStage(pipeline, 'c', { stage_name: 'First' }, 0);
    expect(Array.isArray(next) && next.map((s) => [s.id, s.stage_order, s.stage_name])).toEqual([
      ['c', 0, 'First'],
      ['a', 1, 'A'],
      ['b', 2, 'B'],
    ]);
  });

  test('an unknown stage is NOT_FOUND; a bad patch is BAD_REQUEST naming the field; nothing changes', () => {
    expect(editStage(pipeline, 'zz', {})).toMatchObject({ code: 'NOT_FOUND' });
    expect(editStage(pipeline, 'a', { max_attempts: 3 })).toMatchObject({
      code: 'BAD_REQUEST',
      issues: [{ path: ['max_attempts'] }],
    });
    expect(pipeline.map((s) => s.stage_order)).toEqual([0, 1, 2]);
  });
});
