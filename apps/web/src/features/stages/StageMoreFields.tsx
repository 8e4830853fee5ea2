import type { EvaluationTemplate } from '@stageflow/domain';
import { useState } from 'react';
import { numberOrUndefined, stringOrUndefined } from '../../lib/input-values.ts';
import { DIFFICULTY_LABELS, optionsOf } from '../../lib/labels.ts';
import { Field, SelectField } from '../../ui/Field.tsx';
import type { StageFormApi } from './stage-form.ts';

const STAGE_STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'draft', label: 'Draft: kept in place, skipped' },
];

/** The fields folded under More: they have defaults, and the walkthrough's steps do not name them. */
const MORE_FIELDS = ['type', 'duration_minutes', 'difficulty', 'status'] as const;

interface StageMoreFieldsProps {
  form: StageFormApi;
  /** Empty duration and difficulty fall back to the template's defaults. */
  template: Pick<EvaluationTemplate, 'default_duration_minutes' | 'default_difficulty'>;
  /** While adding, the type label follows the name until it is edited here. */
  typeEdited: { current: boolean };
}

/**
 * The short `type` label (made from the name), length, difficulty and status, under "More". It opens by
 * itself when one of them has an error, so an error is never folded away.
 */
export function StageMoreFields({ form, template, typeEdited }: StageMoreFieldsProps) {
  const {
    register,
    formState: { errors },
  } = form;
  const [opened, setOpened] = useState(false);
  const hasError = MORE_FIELDS.some((name) => errors[name] !== undefined);
  return (
    <details className="form-more" open={opened || hasError} onToggle={(event) => setOpened(event.currentTarget.open)}>
      <summary>
        More <span className="form-more-hint">· type label, length, difficulty, status</span>
      </summary>
      <div className="form-more-body form-grid form-grid-4">
        <Field
          label="Type label"
          error={errors.type?.message}
          hint="A short label for reports and the API, made from the name."
          className="span-2"
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              {...register('type', {
                onChange: () => {
                  typeEdited.current = true;
                },
              })}
            />
          )}
        </Field>
        <SelectField
          label="Status"
          error={errors.status?.message}
          hint="A draft stage keeps its place but participants skip it."
          className="span-2"
          options={STAGE_STATUS_OPTIONS}
          {...register('status')}
        />
        <Field
          label="Duration"
          error={errors.duration_minutes?.message}
          hint={`Minutes, 5 to 240. Empty: ${template.default_duration_minutes}.`}
          className="span-2"
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
          className="span-2"
          options={[{ value: '', label: 'Default' }, ...optionsOf(DIFFICULTY_LABELS)]}
          {...register('difficulty', { setValueAs: stringOrUndefined })}
        />
      </div>
    </details>
  );
}
