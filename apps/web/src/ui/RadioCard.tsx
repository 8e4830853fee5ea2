import type { ComponentProps, ReactNode } from 'react';

interface RadioCardProps extends Omit<ComponentProps<'input'>, 'type' | 'id'> {
  id: string;
  label: ReactNode;
  /** What choosing it means, under the label; the radio's description. */
  help: ReactNode;
}

/** One choice of a radio group, as a card. The rest (react-hook-form's `register(…)`) goes to the radio. */
export function RadioCard({ id, label, help, ...radio }: RadioCardProps) {
  return (
    <div className="radio-card">
      <input type="radio" id={id} aria-describedby={`${id}-help`} {...radio} />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-help`} className="radio-card-help">
        {help}
      </p>
    </div>
  );
}
