import { useCallback } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import { collectFieldPaths, mapIssuesToFields, readServerError } from '../lib/server-errors.ts';
import { trpc } from './trpc.ts';

/**
 * Shows why a save failed. Field issues go beside the fields they name (when a form is given);
 * everything else is a toast with the server's own words. A CONFLICT (someone else changed the
 * pipeline first) offers to reload the latest data.
 */
export function useServerError() {
  const utils = trpc.useUtils();
  return useCallback(
    <T extends FieldValues>(error: unknown, form?: UseFormReturn<T>) => {
      const read = readServerError(error);
      // A conflict about a field (a name or email already taken) goes beside the field like any other.
      if (read.code === 'CONFLICT' && !(form && read.issues.length > 0)) {
        toast.error(read.message, {
          duration: 15_000,
          action: { label: 'Reload', onClick: () => void utils.invalidate() },
        });
        return;
      }
      if (form && read.issues.length > 0) {
        const mapped = mapIssuesToFields(read.issues, collectFieldPaths(form.getValues()));
        mapped.fields.forEach(({ name, message }, i) => {
          form.setError(name as Path<T>, { type: 'server', message }, { shouldFocus: i === 0 });
        });
        if (mapped.unmatched.length > 0) toast.error(mapped.unmatched.join('\n'));
        else if (mapped.fields.length === 0) toast.error(read.message);
        return;
      }
      toast.error(read.message);
    },
    [utils],
  );
}
