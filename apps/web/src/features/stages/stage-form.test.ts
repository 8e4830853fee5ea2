import { CreateStageInput, type EvaluationStage, UpdateStageInput } from '@stageflow/domain';
import { describe, expect, it } from 'vitest';
import {
  newStageValues,
  positionOptions,
  StageFormSchema,
  stageToFormValues,
  toUpdateStageInput,
} from './stage-form.ts';

const templateId = '2f1b6c1e-8d7a-4b7e-9c55-0a3e8f1d2b44';
const stage: EvaluationStage = {
  id: '6a2d0c8e-1f4b-4e8a-8d3c-5b7f9e0a1c22',
  evaluation_template_id: templateId,
  type: 'technical',
  stage_name: 'Technical',
  stage_type: 'ai_interview',
  agent_profile_id: null,
  stage_order: 1,
  duration_minutes: 45,
  difficulty: 'advanced',
  pass_threshold: 75,
  allow_retake: true,
  max_attempts: 3,
  retake_cooldown_hours: 24,
  automation_rule: 'require_reviewer_approval',
  auto_reject: false,
  status: 'active',
  question_set: [],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('stage form values', () => {
  it('a new stage needs only its type to pass the domain schema', () => {
    const values = newStageValues(templateId);
    expect(CreateStageInput.safeParse(values).error?.issues.map((i) => i.path.join('.'))).toEqual(['type']);
    expect(CreateStageInput.safeParse({ ...values, type: 'technical' }).success).toBe(true);
  });

  it('the schema rejects a pass mark of 150 on the pass_threshold field', () => {
    const result = CreateStageInput.safeParse({ ...newStageValues(templateId), type: 'x', pass_threshold: 150 });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['pass_threshold']);
  });

  it('a loaded stage round-trips into a valid update that leaves its position alone', () => {
    const values = CreateStageInput.parse(stageToFormValues(stage));
    const update = toUpdateStageInput(values, stage, 7);
    expect(update).not.toHaveProperty('stage_order');
    expect(update).not.toHaveProperty('evaluation_template_id');
    expect(UpdateStageInput.parse(update)).toMatchObject({ id: stage.id, max_attempts: 3, expected_version: 7 });
  });

  it('a changed position is sent', () => {
    const values = CreateStageInput.parse({ ...stageToFormValues(stage), stage_order: 0 });
    expect(toUpdateStageInput(values, stage, 1).stage_order).toBe(0);
  });

  it("a written assessment's questions round-trip with their ids, limits and dimensions", () => {
    const essay: EvaluationStage = {
      ...stage,
      stage_type: 'async_assessment',
      question_set: [
        { id: 'why', prompt: 'Why us?', max_length: 300, dimension: 'Design' },
        { id: 'how', prompt: 'How?' },
      ],
    };
    const values = CreateStageInput.parse(stageToFormValues(essay));
    expect(toUpdateStageInput(values, essay, 1).question_set).toEqual(essay.question_set);
  });

  it('questions left on another format are refused on question_set, as the server does', () => {
    const values = { ...newStageValues(templateId), type: 'x', question_set: [{ prompt: 'Why?' }] };
    expect(CreateStageInput.safeParse(values).error?.issues.map((i) => i.path.join('.'))).toEqual(['question_set']);
  });
});

describe('positionOptions', () => {
  const live = [
    { id: 'a', stage_name: 'Phone Screen', status: 'active' as const },
    { id: 'b', stage_name: 'Technical', status: 'draft' as const },
    { id: 'c', stage_name: 'Final', status: 'active' as const },
  ];

  it('adding: first, after each stage, and after the last means at the end', () => {
    expect(positionOptions(live, undefined)).toEqual([
      { value: '0', label: 'First' },
      { value: '1', label: 'After Phone Screen' },
      { value: '2', label: 'After Technical (draft)' },
      { value: '', label: 'After Final' },
    ]);
    expect(positionOptions([], undefined)).toEqual([{ value: '', label: 'First' }]);
  });

  it('editing: the other stages, each value the place the stage would take', () => {
    expect(positionOptions(live, 'b')).toEqual([
      { value: '0', label: 'First' },
      { value: '1', label: 'After Phone Screen' },
      { value: '2', label: 'After Final' },
    ]);
    // Technical is at 1: "After Phone Screen" is where it is now.
    expect(positionOptions(live, 'b').find((o) => o.value === '1')?.label).toBe('After Phone Screen');
  });
});

describe('StageFormSchema', () => {
  it('asks for a name, as the walkthrough’s first step does', () => {
    const result = StageFormSchema.safeParse({ ...newStageValues(templateId), type: 'x' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['stage_name'], message: 'Enter a stage name' }),
    ]);
    expect(StageFormSchema.safeParse({ ...newStageValues(templateId), type: 'x', stage_name: 'X' }).success).toBe(true);
  });
});
