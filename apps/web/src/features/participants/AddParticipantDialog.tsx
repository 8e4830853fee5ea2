import { zodResolver } from '@hookform/resolvers/zod';
import { CreateParticipantInput } from '@stageflow/domain';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { CommaListField } from '../../ui/CommaListField.tsx';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { TemplateSelect } from './TemplateSelect.tsx';
import { useRefreshParticipants } from './use-participant-data.ts';

interface AddParticipantDialogProps {
  open: boolean;
  onClose: () => void;
  /** Preselects the template (the board's, or the list's filter). */
  templateId?: string | undefined;
}

export function AddParticipantDialog({ open, onClose, templateId }: AddParticipantDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add participant"
      description="They start at the first active stage of the template you pick."
    >
      <AddParticipantForm onClose={onClose} templateId={templateId} />
    </Dialog>
  );
}

function AddParticipantForm({ onClose, templateId }: { onClose: () => void; templateId?: string | undefined }) {
  const navigate = useNavigate();
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const form = useForm<CreateParticipantInput>({
    resolver: zodResolver(CreateParticipantInput),
    defaultValues: {
      evaluation_template_id: templateId ?? '',
      name: '',
      email: '',
      external_id: '',
      phone: '',
      tags: [],
    },
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const create = trpc.participants.create.useMutation({
    onSuccess: async (participant) => {
      toast.success(`Added ${participant.name}`, {
        action: { label: 'Open', onClick: () => navigate(`/participants/${participant.id}`) },
      });
      onClose();
      await refresh();
    },
    onError: (error) => {
      const read = readServerError(error);
      // Emails are unique per template: the server refuses a second one as a conflict about the email.
      if (read.code === 'CONFLICT' && /email/i.test(read.message)) {
        form.setError('email', { type: 'server', message: read.message }, { shouldFocus: true });
      } else if (read.code === 'PRECONDITION_FAILED') {
        form.setError('evaluation_template_id', { type: 'server', message: read.message }, { shouldFocus: true });
      } else showError(error, form);
    },
  });

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => create.mutate(values))}
      onCancel={onClose}
      submitLabel="Add participant"
      pending={create.isPending}
    >
      <div className="form-grid">
        <Controller
          control={control}
          name="evaluation_template_id"
          render={({ field }) => (
            <TemplateSelect
              className="span-2"
              value={field.value}
              onChange={field.onChange}
              error={errors.evaluation_template_id?.message}
            />
          )}
        />
        <Field label="Name" error={errors.name?.message}>
          {(p) => <input {...p} {...register('name')} autoComplete="off" placeholder="Jane Smith" />}
        </Field>
        <Field label="Email" error={errors.email?.message}>
          {(p) => (
            <input {...p} type="email" {...register('email')} autoComplete="off" placeholder="jane@example.com" />
          )}
        </Field>
        <Field label="External id" optional error={errors.external_id?.message} hint="Their id in your ATS or LMS.">
          {(p) => <input {...p} {...register('external_id')} autoComplete="off" />}
        </Field>
        <Field label="Phone" optional error={errors.phone?.message}>
          {(p) => <input {...p} type="tel" {...register('phone')} autoComplete="off" />}
        </Field>
        <Controller
          control={control}
          name="tags"
          render={({ field }) => (
            <CommaListField
              {...field}
              label="Tags"
              optional
              className="span-2"
              error={errors.tags?.message ?? errors.tags?.[0]?.message}
              hint="Separate with commas, e.g. referral, senior."
            />
          )}
        />
      </div>
    </DialogForm>
  );
}
