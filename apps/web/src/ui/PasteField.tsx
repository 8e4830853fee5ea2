import type { ReactNode } from 'react';
import { Field } from './Field.tsx';

interface PasteFieldProps {
  label: string;
  error?: string | undefined;
  /** What the text should look like; a button after it fills in `example`. */
  hint: ReactNode;
  example: string;
  exampleLabel: string;
  rows: number;
  value: string;
  onChange: (text: string) => void;
  disabled?: boolean;
}

/** A box to paste CSV or JSON into, whose help ends with a button that fills in an example. */
export function PasteField({
  label,
  error,
  hint,
  example,
  exampleLabel,
  rows,
  value,
  onChange,
  disabled,
}: PasteFieldProps) {
  return (
    <Field
      label={label}
      error={error}
      hint={
        <>
          {hint}{' '}
          <button type="button" className="link-button" onClick={() => onChange(example)}>
            {exampleLabel}
          </button>
        </>
      }
    >
      {(p) => (
        <textarea
          {...p}
          className="code-input"
          rows={rows}
          spellCheck={false}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          placeholder={example}
        />
      )}
    </Field>
  );
}
