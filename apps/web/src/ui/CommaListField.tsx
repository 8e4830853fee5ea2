import type { ReactNode } from 'react';
import { CommaListInput } from './CommaListInput.tsx';
import { Field } from './Field.tsx';

interface CommaListFieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  className?: string;
  name?: string;
  value: readonly string[] | undefined;
  onChange: (items: string[]) => void;
  onBlur?: () => void;
}

/**
 * A labelled list typed as "Go, SQL, Kafka" (skills, tags). Takes a value and onChange, so a
 * react-hook-form Controller's `field` spreads straight in.
 */
export function CommaListField({
  label,
  hint,
  error,
  optional,
  className,
  name,
  value,
  onChange,
  onBlur,
}: CommaListFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={className}>
      {(p) => <CommaListInput {...p} name={name} value={value} onChange={onChange} onBlur={onBlur} />}
    </Field>
  );
}
