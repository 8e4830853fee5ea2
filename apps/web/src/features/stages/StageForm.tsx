import { zodResolver } from '@hookform/resolvers/zod';
import { type AgentProfile, CreateStageInput, type EvaluationStage, type EvaluationTemplate } from '@stageflow/domain';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { plural } from '../../lib/format.ts';
import { DialogForm } from '../../ui/Dialog.tsx';
import { QuestionSetField } from './QuestionSetField.tsx';
import { StageCompletionFields } from './StageCompletionFields.tsx';
import { StageIdentityFields } from './StageIdentityFields.tsx';
import { StagePassingFields } from './StagePassingFields.tsx';
import { StagePlacementFields } from './StagePlacementFields.tsx';
import { newStageValues, type StageFormApi, stageToFormValues, toUpdateStageInput } from './stage-form.ts';
import { usePipelineCache } from './use-stage-mutations.ts';

interface StageFormProps {
  /** The stage being edited; a new stage when absent. */
  stage: EvaluationStage | undefined;
  template: EvaluationTemplate;
  profiles: readonly AgentProfile[];
  onDone: () => void;
}

/**
 * People already in a stage keep the rules they entered it with (their snapshot): an edit applies to
 * whoever enters from now on. Say so when it matters, so nobody expects the change to reach them.
 */
function warnAboutParticipantsInFlight(stageName: string | undefined, inFlight: number | undefined) {
  if (!inFlight) return;
  toast.warning(
    `${plural(inFlight, 'participant')} already in “${stageName ?? 'this stage'}” keep the rules they entered with. The changes apply to people who enter from now on.`,
    { duration: 12_000 },
  );
}

/** Every stage field, validated with the domain's CreateStageInput; saves with the template's version. */
export function StageForm({ stage, template, profiles, onDone }: StageFormProps) {
  const { apply } = usePipelineCache(template.id);
  const showError = useServerError();
  const form: StageFormApi = useForm({
    resolver: zodResolver(CreateStageInput),
    // Validated as they type (after the first blur), so an out-of-range pass mark says so at once.
    mode: 'onTouched',
    defaultValues: stage ? stageToFormValues(stage) : newStageValues(template.id),
  });

  const onSaved = async (result: Parameters<typeof apply>[0], verb: string) => {
    toast.success(`${verb} “${result.stage?.stage_name ?? 'stage'}”`);
    onDone();
    await apply(result);
  };
  const create = trpc.stages.create.useMutation({
    onSuccess: (result) => onSaved(result, 'Added'),
    onError: (error) => showError(error, form),
  });
  const update = trpc.stages.update.useMutation({
    onSuccess: (result) => {
      warnAboutParticipantsInFlight(result.stage?.stage_name, result.participants_in_flight);
      return onSaved(result, 'Saved');
    },
    onError: (error) => showError(error, form),
  });

  const submit = form.handleSubmit((values) => {
    if (stage) update.mutate(toUpdateStageInput(values, stage, template.version));
    else create.mutate({ ...values, expected_version: template.version });
  });
  const selectable = profiles.filter((p) => p.status === 'active' || p.id === stage?.agent_profile_id);

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onDone}
      submitLabel={stage ? 'Save stage' : 'Add stage'}
      pending={create.isPending || update.isPending}
    >
      <StageIdentityFields form={form} profiles={selectable} deriveType={!stage} />
      <QuestionSetField form={form} profiles={selectable} />
      <StagePlacementFields form={form} template={template} adding={!stage} />
      <StagePassingFields form={form} />
      <StageCompletionFields form={form} />
    </DialogForm>
  );
}
