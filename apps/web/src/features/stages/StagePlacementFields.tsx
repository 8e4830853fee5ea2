import type { EvaluationTemplate } from '@stageflow/domain';
import { numberOrUndefined, stringOrUndefined } from '../../lib/input-values.ts';
import { DIFFICULTY_LABELS, optionsOf } from '../../lib/labels.ts';
import { Field, Fieldset, SelectField } from '../../ui/Field.tsx';
import type { StageFormApi } from './stage-form.ts';

const STAGE_STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'draft', label: 'Draft' },
];

interface StagePlacementFieldsProps {
  form: StageFormApi;
  /** Empty duration and difficulty fall back to the template's defaults. */
  template: Pick<EvaluationTemplate, 'default_duration_minutes' | 'default_difficulty'>;
  adding: boolean;
}

/** Order, duration, difficulty and status. */
export function StagePlacementFields({ form, template, adding }: StagePlacementFieldsProps) {
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <Fieldset legend="Position and length">
      <div className="form-grid form-grid-4">
        <Field
          label="Order"
          error={errors.stage_order?.message}
          hint={adding ? '0 is first. Empty: add at the end.' : '0 is first, 1 is next.'}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={0}
              {...register('stage_order', { setValueAs: numberOrUndefined })}
            />
          )}
        </Field>
        <Field
          label="Duration"
          error={errors.duration_minutes?.message}
          hint={`Minutes, 5 to 240. Empty: ${template.default_duration_minutes}.`}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              placeholder={String(template.default_duration_minutes)}
              {...register('duration_minutes', { setValueAs: numberOrUndefined })}
            />
          )}
        </Field>
        <SelectField
          label="Difficulty"
          error={errors.difficulty?.message}
          hint={`Default: ${DIFFICULTY_LABELS[template.default_difficulty]}.`}
          options={[{ value: '', label: 'Default' }, ...optionsOf(DIFFICULTY_LABELS)]}
          {...register('difficulty', { setValueAs: stringOrUndefined })}
        />
        <SelectField
          label="Status"
          error={errors.status?.message}
          hint="Draft stages are skipped."
          options={STAGE_STATUS_OPTIONS}
          {...register('status')}
        />
      </div>
    </Fieldset>
  );
}
