import type { EvaluationStage } from '@stageflow/domain';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { usePipelineCache } from './use-stage-mutations.ts';

export type StageRemoval = { kind: 'archive' | 'delete'; stage: EvaluationStage };

interface StageRemovalDialogProps {
  removal: StageRemoval | null;
  templateId: string;
  version: number;
  onClose: () => void;
}

const WORDING = {
  archive: {
    title: 'Archive this stage?',
    confirm: 'Archive stage',
    done: 'Archived',
    body: 'It leaves the pipeline and the stages after it move up. Its history is kept.',
  },
  delete: {
    title: 'Delete this stage?',
    confirm: 'Delete stage',
    done: 'Deleted',
    body: 'It is removed for good.',
  },
} as const;

/** Confirms, then archives or deletes a stage. */
export function StageRemovalDialog({ removal, templateId, version, onClose }: StageRemovalDialogProps) {
  const { apply } = usePipelineCache(templateId);
  const showError = useServerError();
  const options = {
    onSuccess: async (result: Parameters<typeof apply>[0]) => {
      if (removal) toast.success(`${WORDING[removal.kind].done} “${removal.stage.stage_name}”`);
      onClose();
      await apply(result);
    },
    onError: (error: unknown) => showError(error),
  };
  const archive = trpc.stages.archive.useMutation(options);
  const remove = trpc.stages.delete.useMutation(options);
  const wording = WORDING[removal?.kind ?? 'archive'];

  return (
    <ConfirmDialog
      open={removal !== null}
      title={wording.title}
      confirmLabel={wording.confirm}
      pending={archive.isPending || remove.isPending}
      onClose={onClose}
      onConfirm={() => {
        if (!removal) return;
        const input = { id: removal.stage.id, expected_version: version };
        if (removal.kind === 'archive') archive.mutate(input);
        else remove.mutate(input);
      }}
    >
      <strong>{removal?.stage.stage_name}</strong>: {wording.body}
    </ConfirmDialog>
  );
}
