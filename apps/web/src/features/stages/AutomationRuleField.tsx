import { AutomationRule } from '@stageflow/domain';
import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { AUTOMATION_RULES } from '../../lib/labels.ts';
import { Fieldset } from '../../ui/Field.tsx';

interface AutomationRuleFieldProps {
  registration: UseFormRegisterReturn;
  error: string | undefined;
  isFinalReview: boolean;
  children?: React.ReactNode;
}

/** The three automation rules as radio options, each with its plain-words meaning. */
export function AutomationRuleField({ registration, error, isFinalReview, children }: AutomationRuleFieldProps) {
  const id = useId();
  return (
    <Fieldset
      legend="When the stage finishes"
      hint={
        isFinalReview
          ? 'For a final review, recording the reviewer’s result is the decision: the journey ends there whatever you pick.'
          : 'What happens after a participant completes this stage (and has no retakes left).'
      }
    >
      <div className="radio-cards">
        {AutomationRule.options.map((rule) => (
          <div key={rule} className="radio-card">
            <input
              type="radio"
              id={`${id}-${rule}`}
              value={rule}
              aria-describedby={`${id}-${rule}-help`}
              {...registration}
            />
            <label htmlFor={`${id}-${rule}`}>{AUTOMATION_RULES[rule].label}</label>
            <p id={`${id}-${rule}-help`} className="radio-card-help">
              {AUTOMATION_RULES[rule].help}
            </p>
          </div>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
      {children}
    </Fieldset>
  );
}
