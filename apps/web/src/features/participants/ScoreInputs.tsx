import { type AgentProfile, SCALE_MAX } from '@stageflow/domain';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { numberOrUndefined } from '../../lib/input-values.ts';
import { SCALE_LABELS } from '../../lib/labels.ts';
import { Field, FieldError, Fieldset } from '../../ui/Field.tsx';
import type { ScorecardFormValues } from './scorecard-form.ts';

/**
 * The score boxes of a scorecard form: one per dimension of the stage's interviewer, on its scale,
 * or one overall score (0–100) when the stage has none. Shared by recording a result and replacing
 * the AI interviewer's score.
 */
export function ScoreInputs({
  profile,
  register,
  errors,
  overallHint,
}: {
  profile: AgentProfile | null;
  // biome-ignore lint/suspicious/noExplicitAny: both forms carry the scorecard fields and more
  register: UseFormRegister<any>;
  errors: FieldErrors<ScorecardFormValues>;
  overallHint: string;
}) {
  const scale = profile?.scoring.scale;
  if (!profile || !scale) {
    return (
      <Field
        label="Overall score — out of 100"
        error={errors.overall_score?.message ?? errors.dimension_scores?.message}
        hint={overallHint}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            className="score-number"
            {...register('overall_score', { setValueAs: numberOrUndefined })}
          />
        )}
      </Field>
    );
  }
  const max = SCALE_MAX[scale];
  return (
    <Fieldset
      legend={`Scores from ${SCALE_LABELS[scale]}`}
      hint={`${profile.name}’s dimensions, weighted as the interviewer defines them.`}
    >
      <div className="score-inputs">
        {profile.evaluation_dimensions.map((d, i) => {
          const error = errors.dimension_scores?.[i]?.score?.message ?? errors.dimension_scores?.[i]?.name?.message;
          return (
            <div key={d.name} className="score-input-row">
              <input type="hidden" {...register(`dimension_scores.${i}.name`)} />
              <Field
                // The scale sits in the label itself so two interviewers on different scales cannot be confused.
                label={`${d.name} (${d.weight}%) — out of ${max}`}
                error={error}
                hint={[d.description, d.min_score != null ? `Minimum ${d.min_score}` : null]
                  .filter(Boolean)
                  .join(' · ')}
              >
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={max}
                    step={max === 100 ? 1 : 0.5}
                    className="score-number"
                    {...register(`dimension_scores.${i}.score`, { setValueAs: numberOrUndefined })}
                  />
                )}
              </Field>
            </div>
          );
        })}
      </div>
      <FieldError message={errors.dimension_scores?.message} />
    </Fieldset>
  );
}
