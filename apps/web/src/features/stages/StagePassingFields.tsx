import { useWatch } from 'react-hook-form';
import { numberOrNull, numberOrUndefined } from '../../lib/input-values.ts';
import { CheckboxField, Field, type FieldControlProps, Fieldset } from '../../ui/Field.tsx';
import type { StageFormApi } from './stage-form.ts';

/** Pass mark and the retake policy. Attempts follow the retake switch: 1 without, at least 2 with. */
export function StagePassingFields({ form }: { form: StageFormApi }) {
  const {
    register,
    setValue,
    getValues,
    control,
    formState: { errors, isSubmitted },
  } = form;
  const allowRetake = useWatch({ control, name: 'allow_retake' });
  // Attempts and the time between them only count with retakes.
  const retakeInput = (name: 'max_attempts' | 'retake_cooldown_hours') => (p: FieldControlProps) => (
    <input
      {...p}
      type="number"
      inputMode="numeric"
      disabled={!allowRetake}
      {...register(name, { setValueAs: numberOrUndefined })}
    />
  );

  return (
    <Fieldset legend="Passing">
      <div className="form-grid form-grid-4">
        <Field
          label="Pass mark"
          optional
          error={errors.pass_threshold?.message}
          hint="The score needed to pass, 0 to 100. Empty: no pass mark, every completed session passes."
          className="span-2"
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="decimal"
              step="any"
              placeholder="70"
              {...register('pass_threshold', { setValueAs: numberOrNull })}
            />
          )}
        </Field>
        <div className="span-2 align-end">
          <CheckboxField
            label="Allow retakes"
            error={errors.allow_retake?.message}
            hint="Can the participant try again if they fail?"
          >
            {(p) => (
              <input
                {...p}
                type="checkbox"
                {...register('allow_retake', {
                  onChange: (event) => {
                    const attempts = getValues('max_attempts') ?? 2;
                    setValue('max_attempts', event.target.checked ? Math.max(2, attempts) : 1, {
                      shouldValidate: isSubmitted,
                    });
                  },
                })}
              />
            )}
          </CheckboxField>
        </div>
        <Field
          label="Attempts in total"
          error={errors.max_attempts?.message}
          hint={allowRetake ? '2 to 10, the first one included.' : 'One attempt without retakes.'}
          className="span-2"
        >
          {retakeInput('max_attempts')}
        </Field>
        <Field
          label="Hours between attempts"
          optional
          error={errors.retake_cooldown_hours?.message}
          hint="0 lets a retake start right away."
          className="span-2"
        >
          {retakeInput('retake_cooldown_hours')}
        </Field>
      </div>
    </Fieldset>
  );
}
