import { type CreateAgentProfileInput, Interaction, Scoring } from '@stageflow/domain';
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { optionsOf, SCALE_LABELS, USE_CASE_LABELS } from '../../lib/labels.ts';
import { Button } from '../../ui/Button.tsx';
import { CheckboxField, Field, Fieldset, SelectField } from '../../ui/Field.tsx';
import { type AgentProfileFormValues, agentProfileResolver } from './agent-profile-form.ts';
import { DimensionsField } from './DimensionsField.tsx';

const words = (value: string) => value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const enumOptions = (values: readonly string[]) => values.map((value) => ({ value, label: words(value) }));

/** How the interviewer talks: one select each, over the domain's own options. */
const INTERACTION_FIELDS = [
  { key: 'tone', label: 'Tone', hint: undefined },
  { key: 'style', label: 'Style', hint: undefined },
  { key: 'difficulty', label: 'Question difficulty', hint: undefined },
  { key: 'probing_depth', label: 'Probing depth', hint: 'How far it follows up.' },
] as const;

const OUTPUT_LABELS: Record<keyof NonNullable<AgentProfileFormValues['output']>, string> = {
  include_transcript: 'Include the transcript',
  include_score_breakdown: 'Include the score for each dimension',
  include_recommendation: 'Include a recommendation',
  include_improvement_feedback: 'Include improvement feedback (the participant reads it in their portal)',
};

interface AgentProfileFormProps {
  defaultValues: AgentProfileFormValues;
  submitLabel: string;
  pending: boolean;
  onSubmit: (values: z.output<typeof CreateAgentProfileInput>, form: AgentProfileFormApi) => void;
  /** Extra buttons beside Save (Cancel, Archive). */
  actions?: ReactNode;
}

/** The form's react-hook-form handle, for putting the server's field errors in place. */
export type AgentProfileFormApi = ReturnType<typeof useAgentProfileForm>;

const useAgentProfileForm = (defaultValues: AgentProfileFormValues) =>
  // Validated as they type (after the first blur), so an out-of-range value says so at once.
  useForm({ resolver: agentProfileResolver, defaultValues, mode: 'onTouched' });

/** Everything about an interviewer: who it is, what it scores, how it talks and how it scores. */
export function AgentProfileForm({ defaultValues, submitLabel, pending, onSubmit, actions }: AgentProfileFormProps) {
  const form = useAgentProfileForm(defaultValues);
  const {
    register,
    formState: { errors },
  } = form;

  return (
    <form noValidate className="editor" onSubmit={form.handleSubmit((values) => onSubmit(values, form))}>
      <div className="card stack-md">
        <Fieldset legend="Who the interviewer is">
          <div className="form-grid">
            <Field label="Name" error={errors.name?.message}>
              {(p) => (
                <input {...p} autoComplete="off" placeholder="Ada, technical interviewer" {...register('name')} />
              )}
            </Field>
            <SelectField
              label="Use case"
              error={errors.use_case?.message}
              options={optionsOf(USE_CASE_LABELS)}
              {...register('use_case')}
            />
            <Field
              label="Persona"
              error={errors.persona?.message}
              className="span-2"
              hint="How the interviewer introduces itself and behaves, in its own words."
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  placeholder="I'm Ada, a senior engineer. I'll ask about systems you have built…"
                  {...register('persona')}
                />
              )}
            </Field>
          </div>
        </Fieldset>

        <DimensionsField form={form} />

        <div className="form-grid">
          <Fieldset legend="Interaction">
            <div className="form-grid">
              {INTERACTION_FIELDS.map(({ key, label, hint }) => (
                <SelectField
                  key={key}
                  label={label}
                  hint={hint}
                  error={errors.interaction?.[key]?.message}
                  options={enumOptions(Interaction.shape[key].unwrap().options)}
                  {...register(`interaction.${key}`)}
                />
              ))}
            </div>
          </Fieldset>
          <Fieldset legend="Scoring">
            <div className="form-grid">
              <SelectField
                label="Scale"
                error={errors.scoring?.scale?.message}
                hint="Dimension scores are given on this scale."
                options={optionsOf(SCALE_LABELS)}
                {...register('scoring.scale')}
              />
              <SelectField
                label="Method"
                error={errors.scoring?.scoring_method?.message}
                hint="Rule-based also needs every dimension to reach its min score."
                options={enumOptions(Scoring.shape.scoring_method.unwrap().options)}
                {...register('scoring.scoring_method')}
              />
            </div>
          </Fieldset>
        </div>

        <Fieldset legend="Context" hint="Background the interviewer brings to every session. All optional.">
          <div className="form-grid">
            <Field label="Organisation" optional error={errors.context?.organization_context?.message}>
              {(p) => <textarea {...p} rows={2} {...register('context.organization_context')} />}
            </Field>
            <Field label="Domain" optional error={errors.context?.domain_context?.message}>
              {(p) => <textarea {...p} rows={2} {...register('context.domain_context')} />}
            </Field>
            <Field label="Scenario" optional error={errors.context?.scenario_context?.message} className="span-2">
              {(p) => <textarea {...p} rows={2} {...register('context.scenario_context')} />}
            </Field>
          </div>
        </Fieldset>

        <Fieldset legend="Report">
          <div className="checkbox-grid">
            {(Object.keys(OUTPUT_LABELS) as (keyof typeof OUTPUT_LABELS)[]).map((key) => (
              <CheckboxField key={key} label={OUTPUT_LABELS[key]} error={errors.output?.[key]?.message}>
                {(p) => <input {...p} type="checkbox" {...register(`output.${key}`)} />}
              </CheckboxField>
            ))}
          </div>
        </Fieldset>

        <Field label="Additional instructions" optional error={errors.additional_instructions?.message}>
          {(p) => <textarea {...p} rows={3} {...register('additional_instructions')} />}
        </Field>
      </div>
      <div className="editor-footer">
        {actions}
        <Button type="submit" variant="primary" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
