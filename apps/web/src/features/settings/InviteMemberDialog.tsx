import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { authClient, unwrapAuth } from '../../app/auth-client.ts';
import { trpc } from '../../app/trpc.ts';
import { CopyField } from '../../ui/CopyField.tsx';
import { Dialog, DialogDone, DialogForm } from '../../ui/Dialog.tsx';
import { Field, FieldError } from '../../ui/Field.tsx';
import { RadioCard } from '../../ui/RadioCard.tsx';
import { FormError } from '../account/AuthLayout.tsx';
import { InviteValues } from '../account/account-forms.ts';
import { showAuthError } from '../account/auth-form.ts';
import { ROLE_HELP, ROLE_LABELS, type Role } from '../account/roles.ts';
import { useMailSetup } from '../mail/mail-setup.ts';
import { inviteLink } from './invite-link.ts';

interface InviteMemberDialogProps {
  open: boolean;
  onClose: () => void;
  workspaceName: string;
  /** The roles the current member may hand out. */
  roles: readonly Role[];
}

/**
 * Invite by email and role. The invitation is emailed when mail is set up (docs/mail.md#invitations);
 * its link is shown either way, to copy, and says so when it was not sent.
 */
export function InviteMemberDialog({ open, onClose, workspaceName, roles }: InviteMemberDialogProps) {
  const [invited, setInvited] = useState<{ id: string; email: string; role: string }>();
  const mailSetUp = useMailSetup();
  const close = () => {
    setInvited(undefined);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={invited ? (mailSetUp ? 'Invitation sent' : 'Send the invite link') : 'Invite member'}
      description={
        invited
          ? undefined
          : `Invite someone to ${workspaceName} with a role. ${mailSetUp ? 'They get an email with a link to join.' : 'You get a link to send them.'}`
      }
    >
      {invited ? (
        <InviteCreated invited={invited} emailed={mailSetUp === true} onDone={close} />
      ) : (
        <InviteForm
          roles={roles}
          onClose={close}
          onInvited={setInvited}
          submitLabel={mailSetUp ? 'Send invitation' : 'Create invite link'}
        />
      )}
    </Dialog>
  );
}

function InviteForm({
  roles,
  onClose,
  onInvited,
  submitLabel,
}: {
  roles: readonly Role[];
  onClose: () => void;
  onInvited: (invitation: { id: string; email: string; role: string }) => void;
  submitLabel: string;
}) {
  const utils = trpc.useUtils();
  const roleId = useId();
  const [formError, setFormError] = useState<string>();
  const form = useForm({
    resolver: zodResolver(InviteValues),
    defaultValues: {
      email: '',
      role: roles.includes('reviewer') ? 'reviewer' : (roles[0] ?? 'viewer'),
    } as InviteValues,
  });
  const {
    register,
    formState: { errors },
  } = form;
  const invite = useMutation({
    mutationFn: (values: InviteValues) => unwrapAuth(authClient.organization.inviteMember(values)),
    onSuccess: async (invitation, values) => {
      await utils.account.members.invalidate();
      if (invitation) onInvited({ id: invitation.id, email: values.email, role: values.role });
    },
    onError: (error) => setFormError(showAuthError(form, error)),
  });

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => {
        setFormError(undefined);
        invite.mutate(values);
      })}
      onCancel={onClose}
      submitLabel={submitLabel}
      pending={invite.isPending}
    >
      <FormError message={formError} />
      <Field label="Email" error={errors.email?.message} hint="They sign in, or sign up, with this address to join.">
        {(p) => <input {...p} type="email" autoComplete="off" {...register('email')} />}
      </Field>
      <fieldset className="fieldset" aria-describedby={errors.role ? `${roleId}-error` : undefined}>
        <legend className="fieldset-legend">Role</legend>
        <div className="radio-cards">
          {roles.map((role) => (
            <RadioCard
              key={role}
              id={`${roleId}-${role}`}
              value={role}
              label={ROLE_LABELS[role]}
              help={ROLE_HELP[role]}
              {...register('role')}
            />
          ))}
        </div>
        <FieldError id={`${roleId}-error`} message={errors.role?.message} />
      </fieldset>
    </DialogForm>
  );
}

function InviteCreated({
  invited,
  emailed,
  onDone,
}: {
  invited: { id: string; email: string; role: string };
  emailed: boolean;
  onDone: () => void;
}) {
  const role = ROLE_LABELS[invited.role as Role]?.toLowerCase() ?? invited.role;
  return (
    <DialogDone onDone={onDone}>
      {emailed ? (
        <p className="banner banner-success" role="status">
          We emailed the invitation to <strong>{invited.email}</strong>. Developer → Mail shows when it leaves.
        </p>
      ) : (
        <p className="banner banner-warning" role="status">
          Mail is not set up: the invitation was not sent — copy the link instead.
        </p>
      )}
      <p className="confirm-text">
        {emailed ? 'The link in it is below too, if you would rather send it yourself' : 'Send this link'} to{' '}
        <strong>{invited.email}</strong>. They open it, sign in or sign up with that address, and join as {role}. It
        works for 7 days; you can copy it again from the Members page.
      </p>
      <CopyField value={inviteLink(invited.id)} label="Invite link" copyLabel="Copy link" />
    </DialogDone>
  );
}
