import { zodResolver } from '@hookform/resolvers/zod';
import { DecideInput } from '@stageflow/domain';
import { type ReactNode, useEffect } from 'react';
import { type UseFormReturn, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { ButtonVariant } from '../../ui/Button.tsx';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';

/** The domain's note (the same rules for decisions, moves and session reasons), required or not. */
const noteSchema = (required: string | false) =>
  z.object({
    note: required ? DecideInput.shape.note.refine((note) => !!note?.trim(), required) : DecideInput.shape.note,
  });
export type NoteValues = { note?: string | undefined };

export interface NoteRequest {
  title: string;
  description?: ReactNode;
  label?: string;
  /** Why a note is needed, shown when it is missing; `false` when it is optional. */
  required: string | false;
  confirmLabel: string;
  variant?: ButtonVariant;
}

interface NoteDialogProps {
  request: NoteRequest | null;
  pending: boolean;
  onClose: () => void;
  /** Gets the form, so a refusal can put the server's words beside the note. */
  onSubmit: (note: string | undefined, form: UseFormReturn<NoteValues>) => void;
}

/** A confirmation that takes a note: required for some moves (the server says which), optional for the rest. */
export function NoteDialog({ request, pending, onClose, onSubmit }: NoteDialogProps) {
  return (
    <Dialog open={request !== null} onClose={onClose} title={request?.title ?? ''} description={request?.description}>
      {request && <NoteForm request={request} pending={pending} onClose={onClose} onSubmit={onSubmit} />}
    </Dialog>
  );
}

function NoteForm({
  request,
  pending,
  onClose,
  onSubmit,
}: Omit<NoteDialogProps, 'request'> & { request: NoteRequest }) {
  const form = useForm<NoteValues>({
    resolver: zodResolver(noteSchema(request.required)),
    defaultValues: { note: '' },
  });
  const error = form.formState.errors.note?.message;
  // The note is what the dialog is for: start there rather than on the close button.
  useEffect(() => form.setFocus('note'), [form]);
  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => onSubmit(values.note?.trim() || undefined, form))}
      onCancel={onClose}
      submitLabel={request.confirmLabel}
      submitVariant={request.variant}
      pending={pending}
    >
      <Field
        label={request.label ?? 'Note'}
        optional={!request.required}
        error={error}
        hint={request.required ? 'Kept in the audit trail with your name.' : 'Kept in the audit trail.'}
      >
        {(p) => <textarea {...p} rows={4} {...form.register('note')} />}
      </Field>
    </DialogForm>
  );
}
