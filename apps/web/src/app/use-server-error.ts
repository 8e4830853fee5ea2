import { useCallback } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import { collectFieldPaths, mapIssuesToFields, readServerError } from '../lib/server-errors.ts';
import { alertInOpenDialog, type DialogAlert } from '../ui/dialog-alerts.ts';
import { trpc } from './trpc.ts';

/**
 * Says why something was refused where the person is looking: inside the dialog that is open (a modal
 * covers the page's toasts), else as a toast.
 */
export function showRefusal(message: string, action?: DialogAlert['action']): void {
  if (alertInOpenDialog({ message, action })) return;
  const onClick = () => void action?.run();
  toast.error(message, action ? { duration: 15_000, action: { label: action.label, onClick } } : {});
}

/**
 * Shows why a save failed. Field issues go beside the fields they name (when a form is given);
 * everything else is the server's own words, in the open dialog or a toast (`showRefusal`). A CONFLICT
 * (someone else changed the pipeline first) offers to reload the latest data.
 */
export function useServerError() {
  const utils = trpc.useUtils();
  return useCallback(
    <T extends FieldValues>(error: unknown, form?: UseFormReturn<T>) => {
      const read = readServerError(error);
      // A conflict about a field (a name or email already taken) goes beside the field like any other.
      if (read.code === 'CONFLICT' && !(form && read.issues.length > 0)) {
        showRefusal(read.message, { label: 'Reload', run: () => utils.invalidate() });
        return;
      }
      if (form && read.issues.length > 0) {
        const mapped = mapIssuesToFields(read.issues, collectFieldPaths(form.getValues()));
        mapped.fields.forEach(({ name, message }, i) => {
          form.setError(name as Path<T>, { type: 'server', message }, { shouldFocus: i === 0 });
        });
        if (mapped.unmatched.length > 0) showRefusal(mapped.unmatched.join('\n'));
        else if (mapped.fields.length === 0) showRefusal(read.message);
        return;
      }
      showRefusal(read.message);
    },
    [utils],
  );
}
