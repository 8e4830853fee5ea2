import { zodResolver } from '@hookform/resolvers/zod';
import {
  type AgentProfile,
  CreateStageInput,
  type EvaluationStage,
  type EvaluationTemplate,
  isAiRun,
  type StageType,
  typeFromName,
} from '@stageflow/domain';
import { useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { numberOrNull, numberOrUndefined, stringOrNull, stringOrUndefined } from '../../lib/input-values.ts';
import { DIFFICULTY_LABELS, optionsOf, STAGE_TYPE_LABELS } from '../../lib/labels.ts';
import { Button } from '../../ui/Button.tsx';
import { DialogBody, DialogFooter } from '../../ui/Dialog.tsx';
import { CheckboxField, Field, Fieldset } from '../../ui/Field.tsx';
import { AutomationRuleField } from './AutomationRuleField.tsx';
import { newStageValues, stageToFormValues, toUpdateStageInput } from './stage-form.ts';
import { usePipelineCache } from './use-stage-mutations.ts';

const FORMAT_HELP: Record<StageType, string> = {
  ai_interview: 'An interviewer (agent profile) runs a live interview and scores it.',
  roleplay_simulation: 'The interviewer plays a role in a realistic scenario.',
  practice_session: 'A low-stakes session with feedback, run by the interviewer.',
  manual_review: 'A reviewer looks at the participant’s work and fills in the scorecard.',
  async_assessment: 'The participant submits answers in their own time; they are scored afterwards.',
  final_review: 'A reviewer’s final decision. It must be the last stage, and there can be only one.',
};

interface StageFormProps {
  /** The stage being edited; a new stage when absent. */
  stage: EvaluationStage | undefined;
  template: EvaluationTemplate;
  profiles: readonly AgentProfile[];
  onDone: () => void;
}

export function StageForm({ stage, template, profiles, onDone }: StageFormProps) {
  const { apply } = usePipelineCache(template.id);
  const showError = useServerError();
  const form = useForm({
    resolver: zodResolver(CreateStageInput),
    defaultValues: stage ? stageToFormValues(stage) : newStageValues(template.id),
  });
  const {
    register,
    setValue,
    control,
    formState: { errors, isSubmitted },
  } = form;
  const [stageType, allowRetake, automationRule] = useWatch({
    control,
    name: ['stage_type', 'allow_retake', 'automation_rule'],
  });
  const interviewerId = useWatch({ control, name: 'agent_profile_id' });
  const typeEdited = useRef(stage !== undefined);

  const onSaved = async (result: Parameters<typeof apply>[0], verb: string) => {
    toast.success(`${verb} “${result.stage?.stage_name ?? 'stage'}”`);
    onDone();
    await apply(result);
  };
  const create = trpc.stages.create.useMutation({
    onSuccess: (result) => onSaved(result, 'Added'),
    onError: (error) => showError(error, form),
  });
  const update = trpc.stages.update.useMutation({
    onSuccess: (result) => onSaved(result, 'Saved'),
    onError: (error) => showError(error, form),
  });

  const submit = form.handleSubmit((values) => {
    if (stage) update.mutate(toUpdateStageInput(values, stage, template.version));
    else create.mutate({ ...values, expected_version: template.version });
  });

  const selectable = profiles.filter((p) => p.status === 'active' || p.id === stage?.agent_profile_id);
  const needsInterviewer = stageType !== undefined && isAiRun(stageType) && !interviewerId;
  const revalidate = { shouldValidate: isSubmitted };

  return (
    <form noValidate onSubmit={submit}>
      <DialogBody>
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
                      if (!typeEdited.current) {
                        const name = String(event.target.value).trim();
                        setValue('type', name ? typeFromName(name) : '', revalidate);
                      }
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
            <Field
              label="Format"
              error={errors.stage_type?.message}
              hint={stageType ? FORMAT_HELP[stageType] : undefined}
            >
              {(p) => (
                <select {...p} {...register('stage_type')}>
                  {optionsOf(STAGE_TYPE_LABELS).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label="Interviewer"
              optional
              error={errors.agent_profile_id?.message}
              hint={
                selectable.length === 0 ? (
                  <>
                    No agent profiles yet. <Link to="/agent-profiles/new">Create one</Link> to run AI stages.
                  </>
                ) : needsInterviewer ? (
                  'AI-run formats need an interviewer before the stage can be active.'
                ) : (
                  'The agent profile that runs this step.'
                )
              }
            >
              {(p) => (
                <select {...p} {...register('agent_profile_id', { setValueAs: stringOrNull })}>
                  <option value="">No interviewer</option>
                  {selectable.map((profile) => (
                    <option key={profile.id} value={profile.id}>
                      {profile.name}
                      {profile.status === 'archived' ? ' (archived)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </Fieldset>

        <Fieldset legend="Position and length">
          <div className="form-grid form-grid-4">
            <Field
              label="Order"
              error={errors.stage_order?.message}
              hint={stage ? '0 is first, 1 is next.' : '0 is first. Empty: add at the end.'}
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  {...register('stage_order', { setValueAs: numberOrUndefined })}
                />
              )}
            </Field>
            <Field
              label="Duration"
              error={errors.duration_minutes?.message}
              hint={`Minutes, 5 to 240. Empty: ${template.default_duration_minutes}.`}
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
            <Field label="Difficulty" error={errors.difficulty?.message}>
              {(p) => (
                <select {...p} {...register('difficulty', { setValueAs: stringOrUndefined })}>
                  <option value="">Default ({DIFFICULTY_LABELS[template.default_difficulty]})</option>
                  {optionsOf(DIFFICULTY_LABELS).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Status" error={errors.status?.message} hint="Draft stages are skipped.">
              {(p) => (
                <select {...p} {...register('status')}>
                  <option value="active">Active</option>
                  <option value="draft">Draft</option>
                </select>
              )}
            </Field>
          </div>
        </Fieldset>

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
                        const allowed = event.target.checked;
                        const attempts = form.getValues('max_attempts');
                        setValue('max_attempts', allowed ? Math.max(2, attempts ?? 2) : 1, revalidate);
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
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  disabled={!allowRetake}
                  {...register('max_attempts', { setValueAs: numberOrUndefined })}
                />
              )}
            </Field>
            <Field
              label="Hours between attempts"
              optional
              error={errors.retake_cooldown_hours?.message}
              hint="0 lets a retake start right away."
              className="span-2"
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  disabled={!allowRetake}
                  {...register('retake_cooldown_hours', { setValueAs: numberOrUndefined })}
                />
              )}
            </Field>
          </div>
        </Fieldset>

        <AutomationRuleField
          registration={register('automation_rule', {
            onChange: (event) => {
              if (event.target.value !== 'auto_advance') setValue('auto_reject', false);
            },
          })}
          error={errors.automation_rule?.message}
          isFinalReview={stageType === 'final_review'}
        >
          <CheckboxField
            label="Reject automatically on a fail"
            error={errors.auto_reject?.message}
            hint="Only with “Advance automatically”: a participant who fails with no attempts left is rejected without a review."
          >
            {(p) => (
              <input {...p} type="checkbox" disabled={automationRule !== 'auto_advance'} {...register('auto_reject')} />
            )}
          </CheckboxField>
        </AutomationRuleField>
      </DialogBody>
      <DialogFooter>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending || update.isPending}>
          {stage ? 'Save stage' : 'Add stage'}
        </Button>
      </DialogFooter>
    </form>
  );
}
