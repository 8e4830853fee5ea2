import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { placeAuthError } from '../../lib/auth-errors.ts';

/**
 * Shows a refused better-auth call in its form: beside the field it names, else returned for the
 * form's own error line.
 */
export function showAuthError<T extends FieldValues>(form: UseFormReturn<T>, error: unknown): string | undefined {
  const placed = placeAuthError(error, Object.keys(form.getValues()));
  if (placed.field === undefined) return placed.message;
  form.setError(placed.field as Path<T>, { type: 'server', message: placed.message }, { shouldFocus: true });
  return undefined;
}
