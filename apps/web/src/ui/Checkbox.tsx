import { type InputHTMLAttributes, useEffect, useRef } from 'react';

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'checked'> {
  /** `mixed`: some of what it stands for are checked (a "select all" box); shown and announced as such. */
  checked: boolean | 'mixed';
}

/** A checkbox that can also be half-checked, which HTML sets only from script (`indeterminate`). */
export function Checkbox({ checked, ...rest }: CheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = checked === 'mixed';
  }, [checked]);
  return <input ref={ref} type="checkbox" checked={checked === true} {...rest} />;
}
