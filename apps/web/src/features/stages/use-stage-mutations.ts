import type { EvaluationStage } from '@stageflow/domain';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';

/** Every stage mutation answers with the whole live pipeline and the template's new version. */
interface PipelineResult {
  version: number;
  stages: EvaluationStage[];
  /** The stage that was created or changed, when there is one. */
  stage?: EvaluationStage | undefined;
}

/**
 * Keeps the template page in step after a stage mutation: the answer's pipeline and version go
 * into the cache at once (so the next edit sends the right `expected_version`), then everything
 * under `templates` and `stages` is refetched.
 */
export function usePipelineCache(templateId: string) {
  const utils = trpc.useUtils();
  const apply = (result: PipelineResult) => {
    utils.templates.byId.setData({ id: templateId }, (old) =>
      old ? { ...old, version: result.version, stages: result.stages } : old,
    );
    return Promise.all([utils.templates.invalidate(), utils.stages.invalidate()]);
  };
  return { apply, utils };
}

/** Reorder with the new order shown at once; a refusal puts the old order back and says why. */
export function useReorderStages(templateId: string) {
  const { apply, utils } = usePipelineCache(templateId);
  const showError = useServerError();
  return trpc.stages.reorder.useMutation({
    onMutate: async ({ stage_ids }) => {
      await utils.templates.byId.cancel({ id: templateId });
      const previous = utils.templates.byId.getData({ id: templateId });
      if (previous) {
        const byId = new Map(previous.stages.map((s) => [s.id, s]));
        const stages = stage_ids.flatMap((id, i) => {
          const stage = byId.get(id);
          return stage ? [{ ...stage, stage_order: i }] : [];
        });
        utils.templates.byId.setData({ id: templateId }, { ...previous, stages });
      }
      return { previous };
    },
    onSuccess: (result) => apply(result),
    onError: (error, _input, context) => {
      if (context?.previous) utils.templates.byId.setData({ id: templateId }, context.previous);
      showError(error);
    },
  });
}
