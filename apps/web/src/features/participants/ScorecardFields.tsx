import type { AgentProfile } from '@stageflow/domain';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { Field } from '../../ui/Field.tsx';
import { ResultPreview } from './ResultPreview.tsx';
import { ScoreInputs } from './ScoreInputs.tsx';
import type { ScorecardFormValues, ScorecardPreview } from './scorecard-form.ts';

/**
 * The fields every scorecard form has, in order: the scores (per dimension on the interviewer's scale, or
 * one overall), the live preview, then the summary and what to improve. A dialog puts what is its own
 * (the submitted answers, a correction's note) before them.
 */
export function ScorecardFields({
  profile,
  register,
  errors,
  overallHint,
  preview,
  threshold,
  outcomeText,
}: {
  profile: AgentProfile | null;
  // biome-ignore lint/suspicious/noExplicitAny: both forms carry the scorecard fields and more
  register: UseFormRegister<any>;
  errors: FieldErrors<ScorecardFormValues>;
  overallHint: string;
  preview: ScorecardPreview;
  threshold: number | null;
  outcomeText: string | null;
}) {
  return (
    <>
      <ScoreInputs profile={profile} register={register} errors={errors} overallHint={overallHint} />
      <ResultPreview preview={preview} threshold={threshold} outcomeText={outcomeText} />
      <Field label="Summary" optional error={errors.summary?.message}>
        {(p) => <textarea {...p} rows={3} {...register('summary')} />}
      </Field>
      <Field label="What to improve" optional error={errors.improvement_feedback?.message}>
        {(p) => <textarea {...p} rows={2} {...register('improvement_feedback')} />}
      </Field>
    </>
  );
}
