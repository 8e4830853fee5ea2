import { AutomationRule } from '@stageflow/domain';
import { useId } from 'react';
import { useWatch } from 'react-hook-form';
import { AUTOMATION_RULES } from '../../lib/labels.ts';
import { CheckboxField, FieldError, Fieldset } from '../../ui/Field.tsx';
import { RadioCard } from '../../ui/RadioCard.tsx';
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
      legend="On completion"
      hint={
        stageType === 'final_review'
          ? 'For a final review, recording the reviewer’s result is the decision: the journey ends there whatever you pick.'
          : 'What happens after a participant completes this stage (and has no retakes left).'
      }
    >
      <div className="radio-cards">
        {AutomationRule.options.map((option) => (
          <RadioCard
            key={option}
            id={`${id}-${option}`}
            value={option}
            label={AUTOMATION_RULES[option].label}
            help={AUTOMATION_RULES[option].help}
            {...registration}
          />
        ))}
      </div>
      <FieldError message={errors.automation_rule?.message} />
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
