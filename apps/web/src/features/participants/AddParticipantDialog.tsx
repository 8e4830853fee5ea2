import { zodResolver } from '@hookform/resolvers/zod';
import { CreateParticipantInput, SendPortalLinkOption } from '@stageflow/domain';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { z } from 'zod';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { CommaListField } from '../../ui/CommaListField.tsx';
import { CopyField } from '../../ui/CopyField.tsx';
import { Dialog, DialogDone, DialogForm } from '../../ui/Dialog.tsx';
import { CheckboxField, Field } from '../../ui/Field.tsx';
import { MAIL_NOT_SET_UP_LINK, useMailSetup } from '../mail/mail-setup.ts';
import { TemplateSelect } from './TemplateSelect.tsx';
import { useRefreshParticipants } from './use-participant-data.ts';

interface AddParticipantDialogProps {
  open: boolean;
  onClose: () => void;
  /** Preselects the template (the board's, or the list's filter). */
  templateId?: string | undefined;
}

/** The enrolment's fields, and whether to email the new participant their portal link (docs/mail.md). */
const AddParticipantValues = CreateParticipantInput.extend(SendPortalLinkOption);
type AddParticipantValues = z.input<typeof AddParticipantValues>;

/** A link that was to be emailed while mail is not set up: shown once, to copy. */
interface UnsentLink {
  name: string;
  url: string;
}

export function AddParticipantDialog({ open, onClose, templateId }: AddParticipantDialogProps) {
  const [unsent, setUnsent] = useState<UnsentLink | null>(null);
  const close = () => {
    setUnsent(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={unsent ? 'Copy their portal link' : 'Add participant'}
      description={unsent ? undefined : 'They start at the first active stage of the template you pick.'}
    >
      {unsent ? (
        <DialogDone onDone={close} focusDone>
          <div className="banner banner-warning" role="status">
            <p className="banner-title">{MAIL_NOT_SET_UP_LINK}</p>
            {unsent.name} was added. Their link waits in Developer → Mail; Stageflow keeps only a fingerprint of it, so
            copy it now and send it to them.
          </div>
          <CopyField value={unsent.url} label={`Portal link for ${unsent.name}`} copyLabel="Copy link" />
        </DialogDone>
      ) : (
        <AddParticipantForm onClose={close} onUnsent={setUnsent} templateId={templateId} />
      )}
    </Dialog>
  );
}

function AddParticipantForm({
  onClose,
  onUnsent,
  templateId,
}: {
  onClose: () => void;
  onUnsent: (link: UnsentLink) => void;
  templateId?: string | undefined;
}) {
  const navigate = useNavigate();
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const mailSetUp = useMailSetup();
  const form = useForm<AddParticipantValues>({
    resolver: zodResolver(AddParticipantValues),
    defaultValues: {
      evaluation_template_id: templateId ?? '',
      name: '',
      email: '',
      external_id: '',
      phone: '',
      tags: [],
      send_portal_link: false,
    },
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const create = trpc.participants.create.useMutation({
    onSuccess: async (participant) => {
      const sent = participant.portal_link_sent;
      if (sent?.mail.status === 'not_sent') onUnsent({ name: participant.name, url: sent.url });
      else {
        toast.success(sent ? `Added ${participant.name} and emailed their portal link` : `Added ${participant.name}`, {
          action: { label: 'Open', onClick: () => navigate(`/participants/${participant.id}`) },
        });
        onClose();
      }
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
        <div className="span-2">
          <CheckboxField
            label="Send them their portal link"
            hint={
              mailSetUp === false
                ? 'Mail is not set up on this server: the link is shown to you to copy instead.'
                : 'By email: a private link to see where they stand, in the template’s language.'
            }
          >
            {(p) => <input {...p} type="checkbox" {...register('send_portal_link')} />}
          </CheckboxField>
        </div>
      </div>
    </DialogForm>
  );
}
