import { type AgentProfile, isAiRun } from '@stageflow/domain';
import { useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { stringOrNull } from '../../lib/input-values.ts';
import { Fieldset, SelectField } from '../../ui/Field.tsx';
import type { StageFormApi } from './stage-form.ts';

interface AgentProfileFieldProps {
  form: StageFormApi;
  /** The profiles to offer: the active ones, plus the stage's own if it has been archived since. */
  profiles: readonly AgentProfile[];
}

/** The walkthrough's second step: "Pick the Agent profile". */
export function AgentProfileField({ form, profiles }: AgentProfileFieldProps) {
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const [stageType, profileId] = useWatch({ control, name: ['stage_type', 'agent_profile_id'] });
  const aiRun = stageType !== undefined && isAiRun(stageType);
  const hint =
    profiles.length === 0 ? (
      <>
        No agent profiles yet. <Link to="/agent-profiles/new">Create one</Link> to run AI stages.
      </>
    ) : aiRun && !profileId ? (
      'This stage type is run by an agent profile: pick one before the stage can be active.'
    ) : aiRun ? (
      'It runs this stage and scores it on its dimensions.'
    ) : (
      'Optional for this stage type: with one, the reviewer scores on its dimensions.'
    );
  return (
    <Fieldset legend="Agent profile">
      <div className="form-grid">
        <SelectField
          label="Agent profile"
          optional={!aiRun}
          error={errors.agent_profile_id?.message}
          hint={hint}
          options={[
            { value: '', label: 'No agent profile' },
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
