import { describe, expect, test } from 'vitest';
import type { EvaluationStage } from '../schemas/stage.ts';
import { addStage, copyLiveStages, newStage, type PipelineSnapshot } from './new-stage.ts';
import { type NewStageInput, resolveNewStage } from './stage-settings.ts';
import { pipeline, stage, TEMPLATE_ID, uuid } from './test-stages.ts';

const NOW = '2026-02-01T09:00:00.000Z';
const made = { id: uuid(1), now: NOW };
const template = { id: TEMPLATE_ID, default_duration_minutes: 45, default_difficulty: 'advanced' as const };
const snapshot = (...ids: string[]): PipelineSnapshot => ({ template, stages: pipeline(...ids) });

/** Each stage as `name@place`. */
const order = (stages: EvaluationStage[] | Error) => {
  if (stages instanceof Error) throw stages;
  return stages.map((s) => `${s.stage_name}@${s.stage_order}`);
};

describe('newStage', () => {
  test('the settings with the identity, the template, both timestamps and no place', () => {
    const settings = resolveNewStage({ type: 'phone_screen' }, template);
    expect(newStage(settings, TEMPLATE_ID, made)).toEqual({
      ...settings,
      id: uuid(1),
      evaluation_template_id: TEMPLATE_ID,
      stage_order: null,
      created_at: NOW,
      updated_at: NOW,
    });
  });

  test('an import gives the place it planned', () => {
    expect(newStage(resolveNewStage({ type: 'x' }, template), TEMPLATE_ID, made, 4).stage_order).toBe(4);
  });
});

describe('addStage', () => {
  test.each<[string, NewStageInput, Partial<EvaluationStage>]>([
    [
      'only a type: the name from the type, the rest from the template and the defaults',
      { type: 'phone_screen' },
      {
        stage_name: 'Phone Screen',
        stage_type: 'ai_interview',
        duration_minutes: 45,
        difficulty: 'advanced',
        status: 'active',
      },
    ],
    [
      'given values win over the template',
      { type: 'final', stage_name: 'Panel', duration_minutes: 90, difficulty: 'expert', stage_type: 'final_review' },
      { stage_name: 'Panel', duration_minutes: 90, difficulty: 'expert', stage_type: 'final_review' },
    ],
  ])('%s', (_, input, expected) => {
    const next = addStage(snapshot(), input, made);
    expect(next).toMatchObject([
      { ...expected, id: uuid(1), evaluation_template_id: TEMPLATE_ID, stage_order: 0, created_at: NOW },
    ]);
  });

  test.each<[string, number | undefined, string[]]>([
    ['no place: last', undefined, ['A@0', 'B@1', 'New@2']],
    ['first: the others shift', 0, ['New@0', 'A@1', 'B@2']],
    ['between', 1, ['A@0', 'New@1', 'B@2']],
  ])('%s', (_, at, expected) => {
    expect(order(addStage(snapshot('a', 'b'), { type: 'x', stage_name: 'New' }, made, at))).toEqual(expected);
  });

  test.each<[string, PipelineSnapshot, number | undefined, string]>([
    ['a place past the end', snapshot('a'), 5, 'BAD_REQUEST'],
    ['an id already in the pipeline', snapshot(uuid(1)), undefined, 'CONFLICT'],
  ])('%s is refused', (_, before, at, code) => {
    expect(addStage(before, { type: 'x' }, made, at)).toMatchObject({ code });
  });
});

describe('copyLiveStages', () => {
  test('the live stages in order, with new ids, the new template and the time; archived ones stay behind', () => {
    let next = 500;
    const stages = [stage('gone', null), ...pipeline('a', 'b')];
    const copies = copyLiveStages(stages, uuid(999), { newId: () => uuid(next++), now: NOW });
    expect(copies).toEqual([
      { ...stages[1], id: uuid(500), evaluation_template_id: uuid(999), created_at: NOW, updated_at: NOW },
      { ...stages[2], id: uuid(501), evaluation_template_id: uuid(999), created_at: NOW, updated_at: NOW },
    ]);
  });
});
