import { AutomationRule } from '@stageflow/domain';
import { useId } from 'react';
import { useWatch } from 'react-hook-form';
import { AUTOMATION_RULES } from '../../lib/labels.ts';
import { CheckboxField, Fieldset } from '../../ui/Field.tsx';
import type { StageFormApi } from './stage-form.ts';

/** The three automation rules as radio cards, each with its plain-words meaning, and auto-reject. */
export function StageCompletionFields({ form }: { form: StageFormApi }) {
  const {
    register,
    setValue,
    control,
    formState: { errors },
  } = form;
  const [stageType, rule] = useWatch({ control, name: ['stage_type', 'automation_rule'] });
  const id = useId();
  const registration = register('automation_rule', {
    onChange: (event) => {
      if (event.target.value !== 'auto_advance') setValue('auto_reject', false);
    },
  });

  return (
    <Fieldset
      legend="When the stage finishes"
      hint={
        stageType === 'final_review'
          ? 'For a final review, recording the reviewer’s result is the decision: the journey ends there whatever you pick.'
          : 'What happens after a participant completes this stage (and has no retakes left).'
      }
    >
      <div className="radio-cards">
        {AutomationRule.options.map((option) => (
          <div key={option} className="radio-card">
            <input
              type="radio"
              id={`${id}-${option}`}
              value={option}
              aria-describedby={`${id}-${option}-help`}
              {...registration}
            />
            <label htmlFor={`${id}-${option}`}>{AUTOMATION_RULES[option].label}</label>
            <p id={`${id}-${option}-help`} className="radio-card-help">
              {AUTOMATION_RULES[option].help}
            </p>
          </div>
        ))}
      </div>
      {errors.automation_rule?.message && <p className="field-error">{errors.automation_rule.message}</p>}
      <CheckboxField
        label="Reject automatically on a fail"
        error={errors.auto_reject?.message}
        hint="Only with “Advance automatically”: a participant who fails with no attempts left is rejected without a review."
      >
        {(p) => <input {...p} type="checkbox" disabled={rule !== 'auto_advance'} {...register('auto_reject')} />}
      </CheckboxField>
    </Fieldset>
  );
}
