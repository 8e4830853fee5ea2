import { zodResolver } from '@hookform/resolvers/zod';
import { CreateTemplateInput } from '@stageflow/domain';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { TemplateFields } from './TemplateFields.tsx';
import { newTemplateValues, type TemplateFormValues } from './template-form.ts';

export function CreateTemplateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New evaluation template"
      description="A template is the whole journey: a role or a programme. You add its stages next."
      size="lg"
    >
      <CreateTemplateForm onClose={onClose} />
    </Dialog>
  );
}

function CreateTemplateForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const showError = useServerError();
  const form = useForm<TemplateFormValues>({
    resolver: zodResolver(CreateTemplateInput),
    defaultValues: newTemplateValues(),
  });
  const create = trpc.templates.create.useMutation({
    onSuccess: async (template) => {
      toast.success(`Created “${template.template_name}”`);
      await utils.templates.invalidate();
      onClose();
      navigate(`/templates/${template.id}`);
    },
    onError: (error) => showError(error, form),
  });

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => create.mutate(values))}
      onCancel={onClose}
      submitLabel="Create template"
      pending={create.isPending}
    >
      <TemplateFields form={form} />
    </DialogForm>
  );
}
