import type { EvaluationStage, EvaluationTemplate } from '@stageflow/domain';
import { useMemo, useState } from 'react';
import { trpc } from '../../app/trpc.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { Section } from '../../ui/Section.tsx';
import { ExportStagesDialog } from './ExportStagesDialog.tsx';
import { ImportStagesDialog } from './ImportStagesDialog.tsx';
import { PipelineBoard } from './PipelineBoard.tsx';
import { StageDialog, type StageDialogTarget } from './StageDialog.tsx';
import { type StageRemoval, StageRemovalDialog } from './StageRemovalDialog.tsx';
import { removalOffer } from './stage-usage.ts';
import { useReorderStages } from './use-stage-mutations.ts';
import { ValidationBanner } from './ValidationBanner.tsx';

interface StagesSectionProps {
  template: EvaluationTemplate;
  stages: readonly EvaluationStage[];
  /** For roles that may read the pipeline but not change it: no editing controls. */
  readOnly?: boolean;
}

/** The template's pipeline: draw it, change it, check it, move it in and out as JSON. */
export function StagesSection({ template, stages, readOnly = false }: StagesSectionProps) {
  const [stageDialog, setStageDialog] = useState<StageDialogTarget | null>(null);
  const [removal, setRemoval] = useState<StageRemoval | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const profiles = trpc.agentProfiles.list.useQuery({ status: 'all' });
  const validation = trpc.stages.validate.useQuery({ evaluation_template_id: template.id });
  // Who uses each stage, so a card offers only the removal the server would accept.
  const usage = trpc.stages.usage.useQuery({ evaluation_template_id: template.id }, { enabled: !readOnly });
  const reorder = useReorderStages(template.id);
  // The pipeline draws without these, but not all of it: say so, and offer Retry.
  const failed = [validation, profiles, usage].filter((q) => q.isError);
  const usageById = useMemo(() => new Map((usage.data ?? []).map((u) => [u.stage_id, u] as const)), [usage.data]);
  const usageState = usage.isError ? 'failed' : usage.data ? 'loaded' : 'loading';

  const interviewerNames = useMemo(
    () => new Map((profiles.data ?? []).map((p) => [p.id, p.name] as const)),
    [profiles.data],
  );
  const problems = validation.data?.problems ?? [];
  const problemsByStage = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const p of problems) if (p.stage_id) map.set(p.stage_id, [...(map.get(p.stage_id) ?? []), p.message]);
    return map;
  }, [problems]);

  return (
    <>
      <Section
        title="Stages"
        description={
          <>
            Participants move through the active stages from left to right.
            {!readOnly && ' Drag a stage to change the order.'}
          </>
        }
        actions={
          <>
            {!readOnly && <Button onClick={() => setImporting(true)}>Import JSON</Button>}
            <Button onClick={() => setExporting(true)} disabled={stages.length === 0}>
              Export JSON
            </Button>
            {!readOnly && (
              <Button variant="primary" onClick={() => setStageDialog({ kind: 'create' })}>
                Add stage
              </Button>
            )}
          </>
        }
      >
        {stages.length === 0 && readOnly ? (
          <EmptyState title="No stages yet">An admin adds the stages a participant goes through.</EmptyState>
        ) : stages.length === 0 ? (
          <EmptyState
            title="No stages yet"
            action={
              <>
                <Button variant="primary" onClick={() => setStageDialog({ kind: 'create' })}>
                  Add the first stage
                </Button>
                <Button onClick={() => setImporting(true)}>Import JSON</Button>
              </>
            }
          >
            Add a stage for each step a participant goes through, for example a phone screen, a technical interview and
            a final review. Or paste a whole pipeline as JSON.
          </EmptyState>
        ) : (
          <>
            {failed.length > 0 && (
              <ErrorState
                compact
                error={failed[0]?.error}
                title="Could not check everything about these stages"
                onRetry={() => failed.forEach((q) => void q.refetch())}
                retrying={failed.some((q) => q.isFetching)}
              />
            )}
            <ValidationBanner
              problems={problems}
              onEditStage={
                readOnly
                  ? undefined
                  : (id) => {
                      const stage = stages.find((s) => s.id === id);
                      if (stage) setStageDialog({ kind: 'edit', stage });
                    }
              }
            />
            <PipelineBoard
              readOnly={readOnly}
              stages={stages}
              interviewerNames={interviewerNames}
              problemsByStage={problemsByStage}
              removalOf={(stage) => removalOffer(usageById.get(stage.id), usageState)}
              busy={reorder.isPending}
              onReorder={(stageIds) =>
                reorder.mutate({
                  evaluation_template_id: template.id,
                  stage_ids: stageIds,
                  expected_version: template.version,
                })
              }
              onEdit={(stage) => setStageDialog({ kind: 'edit', stage })}
              onArchive={(stage) => setRemoval({ kind: 'archive', stage })}
              onDelete={(stage) => setRemoval({ kind: 'delete', stage })}
            />
          </>
        )}
      </Section>

      <StageDialog
        target={stageDialog}
        template={template}
        stages={stages}
        profiles={profiles.data ?? []}
        onClose={() => setStageDialog(null)}
      />
      <StageRemovalDialog
        removal={removal}
        templateId={template.id}
        version={template.version}
        onClose={() => setRemoval(null)}
      />
      <ImportStagesDialog
        open={importing}
        template={template}
        stages={stages}
        profiles={profiles.data}
        activeParticipantsIn={(id) => usageById.get(id)?.active_participants ?? 0}
        onClose={() => setImporting(false)}
      />
      <ExportStagesDialog
        open={exporting}
        templateId={template.id}
        templateName={template.template_name}
        onClose={() => setExporting(false)}
      />
    </>
  );
}
