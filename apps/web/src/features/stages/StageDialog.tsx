import type { AgentProfile, EvaluationStage, EvaluationTemplate } from '@stageflow/domain';
import { Dialog } from '../../ui/Dialog.tsx';
import { StageForm } from './StageForm.tsx';
import { StagePeopleNote } from './StagePeopleNote.tsx';

export type StageDialogTarget = { kind: 'create' } | { kind: 'edit'; stage: EvaluationStage };

interface StageDialogProps {
  target: StageDialogTarget | null;
  template: EvaluationTemplate;
  /** The live stages in order. */
  stages: readonly EvaluationStage[];
  profiles: readonly AgentProfile[];
  onClose: () => void;
}

/** The walkthrough's steps, said once at the top of the dialog. */
const STEPS =
  'Set its name and type, pick the agent profile, set the order and the pass threshold, then choose what happens on completion and save.';

/** "Add stage" and "Edit stage": one form for every stage field. */
export function StageDialog({ target, template, stages, profiles, onClose }: StageDialogProps) {
  const editing = target?.kind === 'edit' ? target.stage : undefined;
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={editing ? 'Edit stage' : 'Add stage'}
      description={
        editing
          ? `Changes apply to ${editing.stage_name} in “${template.template_name}”.`
          : `A new step in “${template.template_name}”. ${STEPS}`
      }
      size="lg"
    >
      {editing && <StagePeopleNote stage={editing} />}
      {target && <StageForm stage={editing} template={template} stages={stages} profiles={profiles} onDone={onClose} />}
    </Dialog>
  );
}
