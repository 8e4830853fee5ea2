import { type StageType, typeFromName } from '@stageflow/domain';
import { useWatch } from 'react-hook-form';
import { stringOrUndefined } from '../../lib/input-values.ts';
import { optionsOf, STAGE_TYPE_LABELS } from '../../lib/labels.ts';
import { Field, Fieldset, SelectField } from '../../ui/Field.tsx';
import type { StageFormApi } from './stage-form.ts';

const TYPE_HELP: Record<StageType, string> = {
  ai_interview: 'The agent profile runs a live interview and scores it.',
  roleplay_simulation: 'The agent profile plays a role in a realistic scenario.',
  practice_session: 'A low-stakes session with feedback, run by the agent profile.',
  manual_review: 'A reviewer looks at the participant’s work and fills in the scorecard.',
  async_assessment: 'The participant answers written questions in their own time; a reviewer scores them.',
  final_review: 'A reviewer’s final decision. It must be the last stage, and there can be only one.',
};

interface StageNameAndTypeFieldsProps {
  form: StageFormApi;
  /**
   * While adding, the short `type` label (under More) follows the name until it is edited by hand;
   * `typeEdited` is that flag, shared with the label's field.
   */
  typeEdited: { current: boolean };
}

/** The walkthrough's first step: "Set the Stage name and type (AI interview, roleplay, practice…)". */
export function StageNameAndTypeFields({ form, typeEdited }: StageNameAndTypeFieldsProps) {
  const {
    register,
    setValue,
    control,
    formState: { errors, isSubmitted },
  } = form;
  const stageType = useWatch({ control, name: 'stage_type' });
  return (
    <Fieldset legend="Stage name and type">
      <div className="form-grid">
        <Field
          label="Stage name"
          error={errors.stage_name?.message}
          hint="The name participants and reviewers see, like “Technical Screen”."
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              {...register('stage_name', {
                setValueAs: stringOrUndefined,
                onChange: (event) => {
                  if (typeEdited.current) return;
                  const name = String(event.target.value).trim();
                  setValue('type', name ? typeFromName(name) : '', { shouldValidate: isSubmitted });
                },
              })}
            />
          )}
        </Field>
        <SelectField
          label="Stage type"
          error={errors.stage_type?.message}
          hint={stageType ? TYPE_HELP[stageType] : undefined}
          options={optionsOf(STAGE_TYPE_LABELS)}
          {...register('stage_type')}
        />
      </div>
    </Fieldset>
  );
}
