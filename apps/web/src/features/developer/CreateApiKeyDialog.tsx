import { zodResolver } from '@hookform/resolvers/zod';
import { CreateApiKeyInput } from '@stageflow/domain';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { type ApiKeyFormValues, newApiKeyValues } from './api-keys.ts';
import { NewKeyShown } from './NewKeyShown.tsx';
import { ScopePicker } from './ScopePicker.tsx';

/** Name and scopes, then the new key, shown this once. */
export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const close = () => {
    setCreated(undefined);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? 'Your new API key' : 'Create API key'}
      description={created ? undefined : 'For one script or integration: name it after what uses it.'}
      size="lg"
    >
      {created ? (
        <NewKeyShown name={created.name} secret={created.secret} onDone={close} />
      ) : (
        <CreateApiKeyForm onClose={close} onCreated={setCreated} />
      )}
    </Dialog>
  );
}

function CreateApiKeyForm({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: { name: string; secret: string }) => void;
}) {
  const utils = trpc.useUtils();
  const showError = useServerError();
  const form = useForm<ApiKeyFormValues>({
    resolver: zodResolver(CreateApiKeyInput),
    defaultValues: newApiKeyValues(),
  });
  const create = trpc.apiKeys.create.useMutation({
    onSuccess: async ({ key, api_key }) => {
      onCreated({ name: api_key.name, secret: key });
      await utils.apiKeys.list.invalidate();
    },
    onError: (error) => showError(error, form),
  });
  const {
    register,
    formState: { errors },
  } = form;

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => create.mutate(values))}
      onCancel={onClose}
      submitLabel="Create key"
      pending={create.isPending}
    >
      <Field label="Name" error={errors.name?.message} hint="e.g. “ATS sync” or “Nightly import”">
        {(p) => <input {...p} type="text" autoComplete="off" {...register('name')} />}
      </Field>
      <ScopePicker control={form.control} />
    </DialogForm>
  );
}
