import { type AgentProfile, MAX_ANSWER_LENGTH, MAX_QUESTIONS } from '@stageflow/domain';
import { useFieldArray, useWatch } from 'react-hook-form';
import { numberOrUndefined, stringOrUndefined } from '../../lib/input-values.ts';
import { Button } from '../../ui/Button.tsx';
import { Field, Fieldset, SelectField } from '../../ui/Field.tsx';
import type { StageFormApi } from './stage-form.ts';

interface QuestionSetFieldProps {
  form: StageFormApi;
  /** The interviewers the form offers: the chosen one's dimensions are what a question may inform. */
  profiles: readonly AgentProfile[];
}

/**
 * A written assessment's questions (docs/entities.md#question-set): add, edit, reorder and remove,
 * each with an optional answer limit and the interviewer dimension it informs. Shown for
 * `async_assessment` stages, and for any stage that still has questions (so they can be removed).
 */
export function QuestionSetField({ form, profiles }: QuestionSetFieldProps) {
  const {
    control,
    register,
    clearErrors,
    formState: { errors, isSubmitted, touchedFields },
  } = form;
  // The question's own `id` is a field of ours: the array's React keys live under `key`.
  const { fields, append, remove, move } = useFieldArray({ control, name: 'question_set', keyName: 'key' });
  const [stageType, interviewerId] = useWatch({ control, name: ['stage_type', 'agent_profile_id'] });
  if (stageType !== 'async_assessment' && fields.length === 0) return null;

  const interviewer = profiles.find((p) => p.id === interviewerId);
  const dimensions = interviewer?.evaluation_dimensions.map((d) => d.name) ?? [];
  const listErrors = errors.question_set;
  const listError = listErrors?.root?.message ?? listErrors?.message;

  return (
    <Fieldset
      legend="Questions"
      hint="The participant answers these in their portal, in this order, and submits them once. A reviewer then scores the answers."
    >
      {listError && (
        <p className="field-error" role="alert">
          {listError}
        </p>
      )}
      {fields.length === 0 && <p className="muted">No questions yet.</p>}
      <ol className="question-list">
        {fields.map((field, i) => {
          const n = i + 1;
          // A question just added is validated with the list; its errors wait until it is left or the
          // form is sent, so an empty new box does not say "Enter a value" while the person starts typing.
          const touched = touchedFields.question_set?.[i];
          const errorOf = (key: 'prompt' | 'max_length' | 'dimension') =>
            isSubmitted || touched?.[key] ? listErrors?.[i]?.[key]?.message : undefined;
          return (
            <li key={field.key} className="question-row">
              <Field label={`Question ${n}`} error={errorOf('prompt')}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={2}
                    {...register(`question_set.${i}.prompt`, {
                      // The list's check when the question was added found it empty; typing makes that stale,
                      // and leaving the box would flash it (moving the buttons under the pointer).
                      onChange: () => {
                        if (!touched?.prompt) clearErrors(`question_set.${i}.prompt`);
                      },
                    })}
                  />
                )}
              </Field>
              <div className="form-grid">
                <Field
                  label={`Answer limit for question ${n}`}
                  optional
                  error={errorOf('max_length')}
                  hint={`Characters; up to ${MAX_ANSWER_LENGTH.toLocaleString('en')}.`}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={MAX_ANSWER_LENGTH}
                      placeholder={String(MAX_ANSWER_LENGTH)}
                      {...register(`question_set.${i}.max_length`, { setValueAs: numberOrUndefined })}
                    />
                  )}
                </Field>
                <SelectField
                  label={`Dimension for question ${n}`}
                  optional
                  error={errorOf('dimension')}
                  hint={interviewer ? `From ${interviewer.name}.` : 'Choose an interviewer to pick a dimension.'}
                  options={[
                    { value: '', label: 'None' },
                    ...dimensions.map((name) => ({ value: name, label: name })),
                    // A dimension the interviewer no longer has stays visible, so the error beside it makes sense.
                    ...(field.dimension && !dimensions.includes(field.dimension)
                      ? [{ value: field.dimension, label: `${field.dimension} (not a dimension of this interviewer)` }]
                      : []),
                  ]}
                  {...register(`question_set.${i}.dimension`, { setValueAs: stringOrUndefined })}
                />
              </div>
              <div className="question-actions">
                <Button
                  size="sm"
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                  aria-label={`Move question ${n} up`}
                >
                  Move up
                </Button>
                <Button
                  size="sm"
                  disabled={i === fields.length - 1}
                  onClick={() => move(i, i + 1)}
                  aria-label={`Move question ${n} down`}
                >
                  Move down
                </Button>
                <Button size="sm" variant="ghost" onClick={() => remove(i)} aria-label={`Remove question ${n}`}>
                  Remove
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <Button
        size="sm"
        disabled={fields.length >= MAX_QUESTIONS}
        onClick={() => append({ prompt: '' }, { shouldFocus: true })}
      >
        Add question
      </Button>
    </Fieldset>
  );
}
