import { useEffect } from 'react';
import { Controller, type UseFormReturn, useWatch } from 'react-hook-form';
import { numberOrUndefined } from '../../lib/input-values.ts';
import {
  DIFFICULTY_LABELS,
  optionsOf,
  STATUS_LABELS,
  SUCCESS_OUTCOME_LABELS,
  USE_CASE_LABELS,
} from '../../lib/labels.ts';
import { CommaListField } from '../../ui/CommaListField.tsx';
import { CheckboxField, Field, SelectField } from '../../ui/Field.tsx';
import type { TemplateFormValues } from './template-form.ts';

interface TemplateFieldsProps {
  form: UseFormReturn<TemplateFormValues>;
  /** The editor shows every field; the create dialog only what a first draft needs. */
  full?: boolean;
}

export function TemplateFields({ form, full = false }: TemplateFieldsProps) {
  const {
    register,
    control,
    formState: { errors },
  } = form;
  return (
    <div className="form-grid">
      <Field label="Name" error={errors.template_name?.message} className="span-2">
        {(p) => (
          <input {...p} {...register('template_name')} placeholder="Senior Backend Engineer" autoComplete="off" />
        )}
      </Field>
      <SelectField
        label="Use case"
        error={errors.use_case?.message}
        options={optionsOf(USE_CASE_LABELS)}
        {...register('use_case')}
      />
      {full ? (
        <SelectField
          label="Status"
          error={errors.status?.message}
          hint="Draft templates are not offered for enrolment."
          options={optionsOf(STATUS_LABELS)}
          {...register('status')}
        />
      ) : (
        <span aria-hidden="true" />
      )}
      <Field
        label="Objective"
        optional
        error={errors.objective?.message}
        className="span-2"
        hint="What this evaluation should find out."
      >
        {(p) => <textarea {...p} rows={2} {...register('objective')} />}
      </Field>
      {full && (
        <Field label="Description" optional error={errors.description?.message} className="span-2">
          {(p) => <textarea {...p} rows={3} {...register('description')} />}
        </Field>
      )}
      <Controller
        control={control}
        name="skills"
        render={({ field }) => (
          <CommaListField
            {...field}
            label="Skills"
            optional
            error={errors.skills?.message}
            hint="Separate with commas, e.g. Go, SQL, Kafka."
          />
        )}
      />
      {full ? (
        <Controller
          control={control}
          name="soft_skills"
          render={({ field }) => (
            <CommaListField
              {...field}
              label="Soft skills"
              optional
              error={errors.soft_skills?.message}
              hint="Separate with commas."
            />
          )}
        />
      ) : (
        <span aria-hidden="true" />
      )}
      <Field label="Requirements" optional error={errors.requirements?.message} className="span-2">
        {(p) => <textarea {...p} rows={3} {...register('requirements')} />}
      </Field>
      <Field
        label="Default duration (minutes)"
        error={errors.default_duration_minutes?.message}
        hint="New stages start with this length: 5 to 240 minutes."
      >
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            {...register('default_duration_minutes', { setValueAs: numberOrUndefined })}
          />
        )}
      </Field>
      <SelectField
        label="Default difficulty"
        error={errors.default_difficulty?.message}
        options={optionsOf(DIFFICULTY_LABELS)}
        {...register('default_difficulty')}
      />
      {full && <TemplateDetailFields form={form} />}
    </div>
  );
}

/** Outcome labels, what the portal shows, industry, level, language and AI context: only in the full editor. */
function TemplateDetailFields({ form }: { form: UseFormReturn<TemplateFormValues> }) {
  const {
    register,
    control,
    unregister,
    formState: { errors },
  } = form;
  const outcome = useWatch({ control, name: 'success_outcome' });
  const isCustom = outcome === 'custom';

  // Labels belong to the custom outcome only; hidden inputs must not block the save.
  useEffect(() => {
    if (!isCustom) unregister('custom_outcome_labels');
  }, [isCustom, unregister]);

  return (
    <>
      <SelectField
        label="Outcome"
        error={errors.success_outcome?.message}
        hint="The recommendation a participant ends with."
        className="span-2"
        options={optionsOf(SUCCESS_OUTCOME_LABELS)}
        {...register('success_outcome')}
      />
      {isCustom && (
        <>
          <Field
            label="Positive label"
            error={errors.custom_outcome_labels?.positive?.message ?? errors.custom_outcome_labels?.message}
          >
            {(p) => <input {...p} {...register('custom_outcome_labels.positive')} placeholder="Selected" />}
          </Field>
          <Field label="Negative label" error={errors.custom_outcome_labels?.negative?.message}>
            {(p) => <input {...p} {...register('custom_outcome_labels.negative')} placeholder="Not selected" />}
          </Field>
        </>
      )}
      <div className="span-2">
        <CheckboxField
          label="Show participants the final recommendation in their portal"
          hint="When off, a finished participant reads that their evaluation is complete and the team will be in touch."
          error={errors.portal_shows_recommendation?.message}
        >
          {(p) => <input {...p} type="checkbox" {...register('portal_shows_recommendation')} />}
        </CheckboxField>
      </div>
      <Field label="Industry" optional error={errors.industry?.message}>
        {(p) => <input {...p} {...register('industry')} />}
      </Field>
      <Field label="Level" optional error={errors.level?.message}>
        {(p) => <input {...p} {...register('level')} placeholder="Senior" />}
      </Field>
      <Field label="Language" error={errors.language?.message} hint='A language tag such as "en" or "pt-BR".'>
        {(p) => <input {...p} {...register('language')} />}
      </Field>
      <span aria-hidden="true" />
      <Field
        label="AI context"
        optional
        error={errors.ai_context?.message}
        className="span-2"
        hint="Background every interviewer in this template should know."
      >
        {(p) => <textarea {...p} rows={3} {...register('ai_context')} />}
      </Field>
    </>
  );
}
