import type { AgentProfile, EvaluationStage, EvaluationTemplate } from '@stageflow/domain';
import { Dialog } from '../../ui/Dialog.tsx';
import { StageForm } from './StageForm.tsx';
import { StagePeopleNote } from './StagePeopleNote.tsx';

export type StageDialogTarget = { kind: 'create' } | { kind: 'edit'; stage: EvaluationStage };

interface StageDialogProps {
  target: StageDialogTarget | null;
  template: EvaluationTemplate;
  profiles: readonly AgentProfile[];
  onClose: () => void;
}

/** "Add stage" and "Edit stage": one form for every stage field. */
export function StageDialog({ target, template, profiles, onClose }: StageDialogProps) {
  const editing = target?.kind === 'edit' ? target.stage : undefined;
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={editing ? 'Edit stage' : 'Add stage'}
      description={
        editing
          ? `Changes apply to ${editing.stage_name} in “${template.template_name}”.`
          : `A new step in “${template.template_name}”. Only the type is required; the rest has sensible defaults.`
      }
      size="lg"
    >
      {editing && <StagePeopleNote stage={editing} change="edit" />}
      {target && <StageForm stage={editing} template={template} profiles={profiles} onDone={onClose} />}
    </Dialog>
  );
}
