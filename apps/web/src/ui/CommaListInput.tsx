import { type InputHTMLAttributes, useState } from 'react';
import { splitList } from '../lib/input-values.ts';

interface CommaListInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: readonly string[] | undefined;
  onChange: (items: string[]) => void;
}

/**
 * A list typed as "Go, SQL, Kafka". The text stays as typed (so a trailing comma survives);
 * the form value is the parsed list.
 */
export function CommaListInput({ value, onChange, ...rest }: CommaListInputProps) {
  const [text, setText] = useState(() => (value ?? []).join(', '));
  return (
    <input
      {...rest}
      type="text"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(splitList(event.target.value));
      }}
    />
  );
}
