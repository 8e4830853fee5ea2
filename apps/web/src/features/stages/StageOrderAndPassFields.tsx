import type { EvaluationStage } from '@stageflow/domain';
import { useWatch } from 'react-hook-form';
import { numberOrNull, numberOrUndefined } from '../../lib/input-values.ts';
import { CheckboxField, Field, type FieldControlProps, Fieldset, SelectField } from '../../ui/Field.tsx';
import { positionOptions, type StageFormApi } from './stage-form.ts';

interface StageOrderAndPassFieldsProps {
  form: StageFormApi;
  /** The live stages in order, to name the positions by. */
  stages: readonly EvaluationStage[];
  /** The stage being edited; a new one when absent. */
  editing: string | undefined;
}

/** What an empty or filled pass threshold means, said as the person types (not a grey 70 that looks like a default). */
function passThresholdMeaning(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return 'No pass mark — everyone who completes passes.';
  }
  return `A score of ${value} or more out of 100 passes. Empty: no pass mark.`;
}

/**
 * The walkthrough's third step: "Set the order and the pass threshold". The position is chosen in words
 * ("First", "After Technical"), never as a 0-based number. Attempts follow the retake switch: 1 without,
 * at least 2 with.
 */
export function StageOrderAndPassFields({ form, stages, editing }: StageOrderAndPassFieldsProps) {
  const {
    register,
    setValue,
    getValues,
    control,
    formState: { errors, isSubmitted, defaultValues },
  } = form;
  const [allowRetake, passThreshold] = useWatch({ control, name: ['allow_retake', 'pass_threshold'] });
  const positions = positionOptions(stages, editing);
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
    <Fieldset legend="Order and pass threshold">
      <div className="form-grid form-grid-4">
        {positions.length > 1 ? (
          <SelectField
            label="Position"
            className="span-2"
            error={errors.stage_order?.message}
            hint="Where participants meet this stage in the pipeline."
            options={positions}
            // The browser would show the first choice, and react-hook-form would read it back as the value:
            // start on the stage's own place, or "at the end" ('') for a new stage.
            defaultValue={defaultValues?.stage_order === undefined ? '' : String(defaultValues.stage_order)}
            {...register('stage_order', { setValueAs: numberOrUndefined })}
          />
        ) : (
          <p className="span-2 field-note">This is the first stage of the pipeline.</p>
        )}
        <Field
          label="Pass threshold"
          optional
          error={errors.pass_threshold?.message}
          hint={passThresholdMeaning(passThreshold)}
          className="span-2"
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="decimal"
              step="any"
              min={0}
              max={100}
              {...register('pass_threshold', { setValueAs: numberOrNull })}
            />
          )}
        </Field>
        <div className="span-4">
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
