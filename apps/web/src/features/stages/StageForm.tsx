import { zodResolver } from '@hookform/resolvers/zod';
import type { AgentProfile, EvaluationStage, EvaluationTemplate } from '@stageflow/domain';
import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { plural } from '../../lib/format.ts';
import { DialogForm } from '../../ui/Dialog.tsx';
import { AgentProfileField } from './AgentProfileField.tsx';
import { QuestionSetField } from './QuestionSetField.tsx';
import { StageCompletionFields } from './StageCompletionFields.tsx';
import { StageMoreFields } from './StageMoreFields.tsx';
import { StageNameAndTypeFields } from './StageNameAndTypeFields.tsx';
import { StageOrderAndPassFields } from './StageOrderAndPassFields.tsx';
import {
  newStageValues,
  type StageFormApi,
  StageFormSchema,
  stageToFormValues,
  toUpdateStageInput,
} from './stage-form.ts';
import { usePipelineCache } from './use-stage-mutations.ts';

interface StageFormProps {
  /** The stage being edited; a new stage when absent. */
  stage: EvaluationStage | undefined;
  template: EvaluationTemplate;
  /** The live stages in order: the position is chosen among them. */
  stages: readonly EvaluationStage[];
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

/**
 * Every stage field, in the order of the walkthrough's steps (name and type, agent profile, order and pass
 * threshold, on completion, save), validated with the domain's CreateStageInput; saves with the template's
 * version. The API's fields are unchanged: only their words and order are the walkthrough's.
 */
export function StageForm({ stage, template, stages, profiles, onDone }: StageFormProps) {
  const { apply } = usePipelineCache(template.id);
  const showError = useServerError();
  // While adding, the type label follows the name until it is edited by hand.
  const typeEdited = useRef(stage !== undefined);
  const form: StageFormApi = useForm({
    resolver: zodResolver(StageFormSchema),
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
      submitLabel="Save stage"
      pending={create.isPending || update.isPending}
    >
      <StageNameAndTypeFields form={form} typeEdited={typeEdited} />
      <AgentProfileField form={form} profiles={selectable} />
      <QuestionSetField form={form} profiles={selectable} />
      <StageOrderAndPassFields form={form} stages={stages} editing={stage?.id} />
      <StageCompletionFields form={form} />
      <StageMoreFields form={form} template={template} typeEdited={typeEdited} />
    </DialogForm>
  );
}
