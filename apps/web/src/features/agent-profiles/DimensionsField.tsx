import { MAX_EVALUATION_DIMENSIONS } from '@stageflow/domain';
import { type ReactNode, useId } from 'react';
import { type FieldErrors, type UseFormReturn, useFieldArray, useWatch } from 'react-hook-form';
import { numberOrUndefined } from '../../lib/input-values.ts';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { type AgentProfileFormValues, emptyDimension, evenWeights, weightTotal } from './agent-profile-form.ts';

type DimensionErrors = NonNullable<FieldErrors<AgentProfileFormValues>['evaluation_dimensions']>;

/** The error about the list as a whole (count, total): react-hook-form keeps it on `root` for field arrays. */
const listError = (errors: DimensionErrors | undefined) => errors?.root?.message ?? errors?.message;

/** What the interviewer scores: rows of name, description and weight, with a live total that must reach 100. */
export function DimensionsField({ form }: { form: UseFormReturn<AgentProfileFormValues> }) {
  const {
    control,
    register,
    setValue,
    formState: { errors, isSubmitted },
  } = form;
  const { fields, append, remove } = useFieldArray({ control, name: 'evaluation_dimensions' });
  const rows = useWatch({ control, name: 'evaluation_dimensions' });
  const total = weightTotal(rows);
  const id = useId();
  const dimensionErrors = errors.evaluation_dimensions;
  const error = listError(dimensionErrors);

  const splitEvenly = () => {
    evenWeights(fields.length).forEach((weight, i) => {
      setValue(`evaluation_dimensions.${i}.weight`, weight, { shouldValidate: isSubmitted, shouldDirty: true });
    });
  };

  return (
    <fieldset className="fieldset" aria-describedby={`${id}-total`}>
      <legend className="fieldset-legend">Evaluation dimensions</legend>
      <p className="fieldset-hint">
        What this interviewer scores. Weights are whole numbers and must add up to exactly 100.
      </p>
      <div className="dimension-grid" role="presentation">
        <div className="dimension-head" aria-hidden="true">
          <span>Name</span>
          <span>Description</span>
          <span>Weight</span>
          <span>Min score</span>
          <span />
        </div>
        {fields.map((field, i) => {
          const rowErrors = dimensionErrors?.[i];
          const n = i + 1;
          const cell = (key: 'name' | 'description' | 'weight' | 'min_score') => ({
            id: `${id}-${i}-${key}`,
            error: rowErrors?.[key]?.message,
          });
          return (
            <div key={field.id} className="dimension-row">
              <DimensionCell {...cell('name')}>
                {(a11y) => (
                  <input
                    aria-label={`Dimension ${n} name`}
                    {...a11y}
                    placeholder="Problem solving"
                    {...register(`evaluation_dimensions.${i}.name`)}
                  />
                )}
              </DimensionCell>
              <DimensionCell {...cell('description')}>
                {(a11y) => (
                  <input
                    aria-label={`Dimension ${n} description`}
                    {...a11y}
                    placeholder="Breaks problems down, weighs trade-offs"
                    {...register(`evaluation_dimensions.${i}.description`)}
                  />
                )}
              </DimensionCell>
              <DimensionCell {...cell('weight')}>
                {(a11y) => (
                  <input
                    type="number"
                    inputMode="numeric"
                    aria-label={`Dimension ${n} weight`}
                    {...a11y}
                    {...register(`evaluation_dimensions.${i}.weight`, { setValueAs: numberOrUndefined })}
                  />
                )}
              </DimensionCell>
              <DimensionCell {...cell('min_score')}>
                {(a11y) => (
                  <input
                    type="number"
                    inputMode="decimal"
                    step="any"
                    aria-label={`Dimension ${n} minimum score (rule-based scoring)`}
                    {...a11y}
                    placeholder="—"
                    {...register(`evaluation_dimensions.${i}.min_score`, { setValueAs: numberOrUndefined })}
                  />
                )}
              </DimensionCell>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove dimension ${n}`}
                title="Remove"
                disabled={fields.length === 1}
                onClick={() => remove(i)}
              >
                <span aria-hidden="true">×</span>
              </Button>
            </div>
          );
        })}
      </div>
      <div className="dimension-footer">
        <div className="dimension-actions">
          <Button
            size="sm"
            disabled={fields.length >= MAX_EVALUATION_DIMENSIONS}
            onClick={() => append(emptyDimension(Math.max(1, 100 - total)), { shouldFocus: true })}
          >
            Add dimension
          </Button>
          <Button size="sm" variant="ghost" onClick={splitEvenly}>
            Split weights evenly
          </Button>
        </div>
        <p
          id={`${id}-total`}
          className={`weight-total ${total === 100 ? 'is-complete' : 'is-incomplete'}`}
          role="status"
          aria-live="polite"
        >
          Total weight: <strong>{total}</strong> / 100
          {total < 100 && <span> · {100 - total} to go</span>}
          {total > 100 && <span> · {total - 100} too many</span>}
        </p>
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}

interface CellA11y {
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** One input of a dimension row, with its error under it (the input's description). */
function DimensionCell({
  id,
  error,
  children,
}: {
  id: string;
  error: string | undefined;
  children: (a11y: CellA11y) => ReactNode;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="dimension-cell">
      {children({ 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined })}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
