import { type AgentProfile, isAiRun, type StageType, typeFromName } from '@stageflow/domain';
import { useRef } from 'react';
import { useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { stringOrNull, stringOrUndefined } from '../../lib/input-values.ts';
import { optionsOf, STAGE_TYPE_LABELS } from '../../lib/labels.ts';
import { Field, Fieldset, SelectField } from '../../ui/Field.tsx';
import type { StageFormApi } from './stage-form.ts';

const FORMAT_HELP: Record<StageType, string> = {
  ai_interview: 'An interviewer (agent profile) runs a live interview and scores it.',
  roleplay_simulation: 'The interviewer plays a role in a realistic scenario.',
  practice_session: 'A low-stakes session with feedback, run by the interviewer.',
  manual_review: 'A reviewer looks at the participant’s work and fills in the scorecard.',
  async_assessment: 'The participant submits answers in their own time; they are scored afterwards.',
  final_review: 'A reviewer’s final decision. It must be the last stage, and there can be only one.',
};

interface StageIdentityFieldsProps {
  form: StageFormApi;
  /** Interviewers to offer: the active ones, plus the stage's own if it has been archived since. */
  profiles: readonly AgentProfile[];
  /** While adding, the type follows the name until it is edited by hand. */
  deriveType: boolean;
}

/** Name, type, format and interviewer. */
export function StageIdentityFields({ form, profiles, deriveType }: StageIdentityFieldsProps) {
  const {
    register,
    setValue,
    control,
    formState: { errors, isSubmitted },
  } = form;
  const [stageType, interviewerId] = useWatch({ control, name: ['stage_type', 'agent_profile_id'] });
  const typeEdited = useRef(!deriveType);
  const needsInterviewer = stageType !== undefined && isAiRun(stageType) && !interviewerId;

  return (
    <Fieldset legend="The stage">
      <div className="form-grid">
        <Field
          label="Stage name"
          optional
          error={errors.stage_name?.message}
          hint="The name participants see, like “Technical Screen”. Empty: the type, in title case."
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              placeholder="Technical Screen"
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
        <Field label="Type" error={errors.type?.message} hint="A short label for the step, like “technical”.">
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              placeholder="technical"
              {...register('type', {
                onChange: () => {
                  typeEdited.current = true;
                },
              })}
            />
          )}
        </Field>
        <SelectField
          label="Format"
          error={errors.stage_type?.message}
          hint={stageType ? FORMAT_HELP[stageType] : undefined}
          options={optionsOf(STAGE_TYPE_LABELS)}
          {...register('stage_type')}
        />
        <SelectField
          label="Interviewer"
          optional
          error={errors.agent_profile_id?.message}
          hint={
            profiles.length === 0 ? (
              <>
                No agent profiles yet. <Link to="/agent-profiles/new">Create one</Link> to run AI stages.
              </>
            ) : needsInterviewer ? (
              'AI-run formats need an interviewer before the stage can be active.'
            ) : (
              'The agent profile that runs this step.'
            )
          }
          options={[
            { value: '', label: 'No interviewer' },
            ...profiles.map((profile) => ({
              value: profile.id,
              label: profile.status === 'archived' ? `${profile.name} (archived)` : profile.name,
            })),
          ]}
          {...register('agent_profile_id', { setValueAs: stringOrNull })}
        />
      </div>
    </Fieldset>
  );
}
