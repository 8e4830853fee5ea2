import { describe, expect, test } from 'vitest';
import { isDomainError } from '../errors.ts';
import { CreateStageInput, UpdateStageInput } from '../schemas/stage.ts';
import {
  applyStagePatch,
  type NewStageInput,
  resolveNewStage,
  type StagePatch,
  type StageSettings,
  withStageQuestionIds,
} from './stage-settings.ts';
import { INTERVIEWER_ID, stage, TEMPLATE_ID } from './test-stages.ts';

describe('resolveNewStage', () => {
  test('given only a type and an empty template, every default applies', () => {
    expect(resolveNewStage({ type: 'phone_screen' }, {})).toEqual({
      type: 'phone_screen',
      stage_name: 'Phone Screen',
      stage_type: 'ai_interview',
      agent_profile_id: null,
      duration_minutes: 30,
      difficulty: 'intermediate',
      pass_threshold: null,
      allow_retake: false,
      max_attempts: 1,
      retake_cooldown_hours: 0,
      automation_rule: 'none',
      auto_reject: false,
      status: 'active',
      question_set: [],
    } satisfies StageSettings);
  });

  test("given a template, duration and difficulty come from the template's defaults", () => {
    const settings = resolveNewStage(
      { type: 'technical' },
      { default_duration_minutes: 45, default_difficulty: 'advanced' },
    );
    expect(settings).toMatchObject({ duration_minutes: 45, difficulty: 'advanced' });
  });

  test.each<[string, Omit<NewStageInput, 'type'>, Partial<StageSettings>]>([
    ['a name', { stage_name: 'Coding Round' }, { stage_name: 'Coding Round' }],
    ['a format', { stage_type: 'final_review' }, { stage_type: 'final_review' }],
    ['an interviewer', { agent_profile_id: INTERVIEWER_ID }, { agent_profile_id: INTERVIEWER_ID }],
    ['a duration, over the template', { duration_minutes: 90 }, { duration_minutes: 90 }],
    ['a difficulty, over the template', { difficulty: 'expert' }, { difficulty: 'expert' }],
    ['a pass mark', { pass_threshold: 75 }, { pass_threshold: 75 }],
    ['an explicit "no pass mark"', { pass_threshold: null }, { pass_threshold: null }],
    ['retakes', { allow_retake: true }, { allow_retake: true, max_attempts: 2 }],
    ['retakes with attempts', { allow_retake: true, max_attempts: 5 }, { allow_retake: true, max_attempts: 5 }],
    ['no retakes', { allow_retake: false }, { allow_retake: false, max_attempts: 1 }],
    ['a cool-down', { retake_cooldown_hours: 24 }, { retake_cooldown_hours: 24 }],
    ['an automation rule', { automation_rule: 'auto_advance' }, { automation_rule: 'auto_advance' }],
    ['auto_reject', { auto_reject: true }, { auto_reject: true }],
    ['draft status', { status: 'draft' }, { status: 'draft' }],
  ])('given %s, it is kept', (_, given, expected) => {
    const settings = resolveNewStage(
      { type: 'technical', ...given },
      { default_duration_minutes: 45, default_difficulty: 'advanced' },
    );
    expect(settings).toMatchObject(expected);
  });

  test('a parsed create input works as is, and its template id, version and order do not leak in', () => {
    const { evaluation_template_id, expected_version, stage_order, ...fields } = CreateStageInput.parse({
      evaluation_template_id: TEMPLATE_ID,
      type: 'technical',
      stage_order: 2,
      expected_version: 3,
    });
    const settings = resolveNewStage(
      withStageQuestionIds(fields, () => 'q'),
      {},
    );
    expect(Object.keys(settings)).not.toContain('stage_order');
    expect(settings.stage_name).toBe('Technical');
    expect([evaluation_template_id, expected_version, stage_order]).toEqual([TEMPLATE_ID, 3, 2]);
  });
});

describe('applyStagePatch', () => {
  const noRetakes = stage('tech', 0, { pass_threshold: 70, agent_profile_id: INTERVIEWER_ID });
  const retakes = stage('tech', 0, { allow_retake: true, max_attempts: 4 });

  test.each<[string, StageSettings, StagePatch, Partial<StageSettings>]>([
    ['a new pass mark', noRetakes, { pass_threshold: 80 }, { pass_threshold: 80 }],
    ['no pass mark', noRetakes, { pass_threshold: null }, { pass_threshold: null }],
    ['no interviewer', noRetakes, { agent_profile_id: null }, { agent_profile_id: null }],
    ['nothing', noRetakes, {}, { pass_threshold: 70, agent_profile_id: INTERVIEWER_ID }],
    ['undefined keys', noRetakes, { pass_threshold: undefined }, { pass_threshold: 70 }],
    ['retakes on', noRetakes, { allow_retake: true }, { allow_retake: true, max_attempts: 2 }],
    ['retakes on with max 1', noRetakes, { allow_retake: true, max_attempts: 1 }, { max_attempts: 2 }],
    ['retakes on with max 5', noRetakes, { allow_retake: true, max_attempts: 5 }, { max_attempts: 5 }],
    ['retakes off', retakes, { allow_retake: false }, { allow_retake: false, max_attempts: 1 }],
    ['retakes off with the old max', retakes, { allow_retake: false, max_attempts: 4 }, { max_attempts: 1 }],
    ['retakes still on', retakes, { allow_retake: true }, { max_attempts: 4 }],
    ['more attempts', retakes, { max_attempts: 6 }, { allow_retake: true, max_attempts: 6 }],
    ['draft', noRetakes, { status: 'draft' }, { status: 'draft' }],
  ])('given a stage, when patched with %s, then it has the expected settings', (_, before, patch, expected) => {
    const after = applyStagePatch(before, patch);
    expect(after).toMatchObject(expected);
  });

  test.each<[string, StageSettings, StagePatch]>([
    ['more attempts without retakes', noRetakes, { max_attempts: 3 }],
    ['retakes kept off with more attempts', noRetakes, { allow_retake: false, max_attempts: 3 }],
    ['one attempt with retakes', retakes, { max_attempts: 1 }],
  ])('given %s, it is a BAD_REQUEST naming max_attempts', (_, before, patch) => {
    const result = applyStagePatch(before, patch);
    expect(result).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: ['max_attempts'] }] });
  });

  test("a whole parsed update cannot overwrite the stage's id or place", () => {
    const parsed = UpdateStageInput.parse({ id: '00000000-0000-4000-8000-000000000777', stage_order: 5, type: 'x' });
    const after = applyStagePatch(
      noRetakes,
      withStageQuestionIds(parsed, () => 'q'),
    );
    expect(after).toMatchObject({ id: 'tech', stage_order: 0, type: 'x' });
  });

  test('an archived stage keeps its status but can still be renamed', () => {
    const archived = stage('old', null);
    expect(applyStagePatch(archived, { status: 'active' })).toMatchObject({ code: 'CONFLICT' });
    expect(applyStagePatch(archived, { stage_name: 'Old round' })).toMatchObject({ stage_name: 'Old round' });
  });

  test('the input stage is left untouched', () => {
    const before = Object.freeze({ ...noRetakes });
    const after = applyStagePatch(before, { allow_retake: true, pass_threshold: 10 });
    expect(isDomainError(after)).toBe(false);
    expect(before).toEqual(noRetakes);
  });
});
