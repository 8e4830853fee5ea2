import type { ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { Button } from '../../ui/Button.tsx';
import { FormError } from './AuthLayout.tsx';

/**
 * The shell of a form on a public page (sign in, sign up, a first workspace): the server's
 * form-level error above the fields, one full-width primary button below. Validation is the
 * form's own (noValidate), so its messages match the server's rather than the browser's.
 */
export function AuthForm<TValues extends FieldValues, TContext, TSubmitted extends FieldValues>({
  form,
  onSubmit,
  formError,
  pending,
  submitLabel,
  children,
}: {
  form: UseFormReturn<TValues, TContext, TSubmitted>;
  /** Called with the validated values; should clear `formError` before sending them. */
  onSubmit: (values: TSubmitted) => void;
  formError: string | undefined;
  pending: boolean;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form noValidate className="auth-form" onSubmit={form.handleSubmit(onSubmit)}>
      <FormError message={formError} />
      {children}
      <Button type="submit" variant="primary" pending={pending} className="auth-submit">
        {submitLabel}
      </Button>
    </form>
  );
}
