import { type ComponentProps, type ReactNode, useId } from 'react';
import { SelectOptions } from './SelectOptions.tsx';

/** What a form control needs to be bound to its label, help text and error. */
export interface FieldControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean | undefined;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** The ids that tie a control to its help and error, as the props the control spreads. */
function useFieldControl(hint: ReactNode, error: string | undefined): FieldControlProps {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined };
}

/**
 * An error beside its field reads as a sentence: the domain's rule messages are written to follow a field
 * name in the API ("name: is used twice"), so the first letter is raised here.
 */
const asSentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** An error beside what it is about (nothing when there is none), as a sentence. */
export function FieldError({ id, message }: { id?: string | undefined; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {asSentence(message)}
    </p>
  );
}

/** The error, then the help, each with the id the control points at. */
function FieldMessages({ id, hint, error }: { id: string; hint: ReactNode; error: string | undefined }) {
  return (
    <>
      <FieldError id={`${id}-error`} message={error} />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </>
  );
}

/**
 * Label above, control, help text, then the error right beside the control. The help and error are
 * the control's accessible description, so screen readers (and tests) hear them with the field.
 */
export function Field({ label, hint, error, optional, className, children }: FieldProps) {
  const control = useFieldControl(hint, error);
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field-label" htmlFor={control.id}>
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      {children(control)}
      <FieldMessages id={control.id} hint={hint} error={error} />
    </div>
  );
}

interface SelectFieldProps extends Omit<ComponentProps<'select'>, 'children'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  /** Classes of the field around the select, e.g. `span-2`. */
  className?: string;
  options: ReadonlyArray<{ value: string | number; label: string }>;
}

/** A labelled select over value/label pairs; the rest (react-hook-form's `register(…)`) goes to the select. */
export function SelectField({ label, hint, error, optional, className, options, ...select }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={className}>
      {(p) => (
        <select {...p} {...select}>
          <SelectOptions options={options} />
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label to the right and optional help underneath. */
export function CheckboxField({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const control = useFieldControl(hint, error);
  return (
    <div className="checkbox-field">
      <div className="checkbox-row">
        {children(control)}
        <label htmlFor={control.id}>{label}</label>
      </div>
      <FieldMessages id={control.id} hint={hint} error={error} />
    </div>
  );
}

/** A titled group of fields inside a form. */
export function Fieldset({ legend, children, hint }: { legend: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="fieldset">
      <legend className="fieldset-legend">{legend}</legend>
      {hint && <p className="fieldset-hint">{hint}</p>}
      {children}
    </fieldset>
  );
}
