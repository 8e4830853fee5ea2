import { zodResolver } from '@hookform/resolvers/zod';
import { CreateTemplateInput, type EvaluationTemplate } from '@stageflow/domain';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { TemplateFields } from './TemplateFields.tsx';
import { type TemplateFormValues, templateToFormValues } from './template-form.ts';

interface EditTemplateDialogProps {
  template: EvaluationTemplate;
  open: boolean;
  onClose: () => void;
}

export function EditTemplateDialog({ template, open, onClose }: EditTemplateDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Edit template details" size="lg">
      <EditTemplateForm template={template} onClose={onClose} />
    </Dialog>
  );
}

function EditTemplateForm({ template, onClose }: { template: EvaluationTemplate; onClose: () => void }) {
  const utils = trpc.useUtils();
  const showError = useServerError();
  const form = useForm<TemplateFormValues>({
    resolver: zodResolver(CreateTemplateInput),
    defaultValues: templateToFormValues(template),
  });
  const update = trpc.templates.update.useMutation({
    onSuccess: async (saved) => {
      toast.success(`Saved “${saved.template_name}”`);
      await utils.templates.invalidate();
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => update.mutate({ id: template.id, ...values }))}
      onCancel={onClose}
      submitLabel="Save details"
      pending={update.isPending}
    >
      <TemplateFields form={form} full />
    </DialogForm>
  );
}
