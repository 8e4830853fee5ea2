import { CreateTemplateInput, type EvaluationTemplate } from '@stageflow/domain';
import { describe, expect, it } from 'vitest';
import { newTemplateValues, templateToFormValues } from './template-form.ts';

const template: EvaluationTemplate = {
  id: '8d0f7a52-4a8e-4c61-9a57-3b1d2c7e9f10',
  template_name: 'Senior Backend Engineer',
  use_case: 'hiring',
  success_outcome: 'custom',
  custom_outcome_labels: { positive: 'Yes', negative: 'No' },
  status: 'active',
  skills: ['Go'],
  soft_skills: [],
  default_duration_minutes: 45,
  default_difficulty: 'advanced',
  language: 'en',
  portal_shows_recommendation: false,
  version: 3,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('template form values', () => {
  it('a blank new template fails only on its missing name', () => {
    const result = CreateTemplateInput.safeParse(newTemplateValues());
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['template_name']);
  });

  it('a loaded template becomes values the domain schema accepts unchanged', () => {
    const values = templateToFormValues(template);
    expect(values).not.toHaveProperty('id');
    expect(values).not.toHaveProperty('version');
    expect(CreateTemplateInput.parse(values)).toMatchObject({
      template_name: 'Senior Backend Engineer',
      custom_outcome_labels: { positive: 'Yes', negative: 'No' },
      default_duration_minutes: 45,
    });
  });

  it('carries whether the portal shows the final recommendation, off for a new template', () => {
    expect(CreateTemplateInput.parse({ ...newTemplateValues(), template_name: 'X' }).portal_shows_recommendation).toBe(
      false,
    );
    const values = templateToFormValues({ ...template, portal_shows_recommendation: true });
    expect(values.portal_shows_recommendation).toBe(true);
    expect(CreateTemplateInput.parse(values).portal_shows_recommendation).toBe(true);
    expect(
      CreateTemplateInput.safeParse({ ...values, portal_shows_recommendation: 'yes' }).error?.issues[0]?.path,
    ).toEqual(['portal_shows_recommendation']);
  });
});
