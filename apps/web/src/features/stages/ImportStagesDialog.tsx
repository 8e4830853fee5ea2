import type { AgentProfile, EvaluationStage, EvaluationTemplate } from '@stageflow/domain';
import { type FormEvent, useDeferredValue, useId, useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { plural } from '../../lib/format.ts';
import { readServerError, type ServerIssue } from '../../lib/server-errors.ts';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { PasteField } from '../../ui/PasteField.tsx';
import { ImportPreviewTable } from './ImportPreviewTable.tsx';
import { type ImportMode, type ImportPreview, previewImport } from './import-preview.ts';
import { SEED_EXAMPLE_JSON } from './seed-example.ts';
import { usePipelineCache } from './use-stage-mutations.ts';

/** "stages.2.pass_threshold: Too big…" → "Stage 3, pass_threshold: Too big…" */
const describeIssue = ({ path, message }: ServerIssue) => {
  const [root, index, ...rest] = path;
  if (root === 'stages' && typeof index === 'number') {
    return `Stage ${index + 1}${rest.length ? `, ${rest.join('.')}` : ''}: ${message}`;
  }
  return path.length ? `${path.join('.')}: ${message}` : message;
};

const asSentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface ImportStagesDialogProps {
  open: boolean;
  template: EvaluationTemplate;
  /** The live stages in order: what the import adds to or replaces. */
  stages: readonly EvaluationStage[];
  /** The workspace's agent profiles, archived ones too; undefined while they load. */
  profiles: readonly AgentProfile[] | undefined;
  /** Active participants in each live stage, when known (stages.usage). */
  activeParticipantsIn?: ((stageId: string) => number) | undefined;
  onClose: () => void;
}

export function ImportStagesDialog({ open, onClose, ...rest }: ImportStagesDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Import stages from JSON"
      description="Paste an array of stages in the seed’s shape. The preview checks the pipeline the import would leave; nothing is saved until you import."
      size="xl"
    >
      <ImportForm onClose={onClose} {...rest} />
    </Dialog>
  );
}

function ImportForm({
  template,
  stages,
  profiles,
  activeParticipantsIn,
  onClose,
}: Omit<ImportStagesDialogProps, 'open'>) {
  const [text, setText] = useState('');
  // Importing into a template that has stages asks what becomes of them: no silent default.
  const [mode, setMode] = useState<ImportMode | null>(stages.length > 0 ? null : 'append');
  const [fillProfileId, setFillProfileId] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<string[]>([]);
  const modeName = useId();
  const modeHintId = useId();
  const preview = previewImport(useDeferredValue(text), {
    templateId: template.id,
    pipeline: { template, stages },
    mode,
    profiles,
    activeParticipantsIn,
    fillProfileId,
  });
  const { apply } = usePipelineCache(template.id);
  const showError = useServerError();
  const importStages = trpc.stages.import.useMutation({
    onSuccess: async (result) => {
      toast.success(
        `Imported ${plural(preview.kind === 'ready' ? preview.rows.length : result.stages.length, 'stage')}`,
      );
      onClose();
      await apply(result);
    },
    onError: (error) => {
      const read = readServerError(error);
      if (read.code === 'CONFLICT') showError(error);
      else setServerProblems(read.issues.length ? read.issues.map(describeIssue) : [read.message]);
    },
  });

  const problems = [...(preview.kind === 'invalid' ? preview.problems : []), ...serverProblems];
  const rows = 'rows' in preview ? preview.rows : [];
  const activeProfiles = (profiles ?? []).filter((p) => p.status === 'active');
  // Offered while an AI-run stage names no agent profile, and stays while one is chosen for them.
  const offerProfile = fillProfileId !== null || rows.some((row) => row.needs_profile);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (preview.kind === 'ready') importStages.mutate({ ...preview.input, expected_version: template.version });
  };

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onClose}
      submitLabel={preview.kind === 'ready' ? `Import ${plural(preview.rows.length, 'stage')}` : 'Import'}
      pending={importStages.isPending}
      disabled={preview.kind !== 'ready'}
    >
      <PasteField
        label="Stages JSON"
        error={preview.kind === 'syntax' ? `Not valid JSON: ${preview.message}` : undefined}
        hint={
          <>
            Each item takes the stage fields: <code>stage_name</code>, <code>type</code>, <code>stage_type</code>,{' '}
            <code>pass_threshold</code>, <code>automation_rule</code>, …
          </>
        }
        example={SEED_EXAMPLE_JSON}
        exampleLabel="Use the example pipeline"
        rows={8}
        value={text}
        onChange={(value) => {
          setText(value);
          setServerProblems([]);
        }}
      />

      {stages.length > 0 && (
        <fieldset className="fieldset fieldset-inline" aria-describedby={modeHintId}>
          <legend className="fieldset-legend">The template has {plural(stages.length, 'stage')} already</legend>
          <p id={modeHintId} className={`fieldset-hint${mode === null ? ' text-warning' : ''}`}>
            {mode === null ? 'Choose what happens to them before importing.' : 'The preview shows the result.'}
          </p>
          <label className="radio-inline">
            <input type="radio" name={modeName} checked={mode === 'append'} onChange={() => setMode('append')} />
            Keep them; add these after
          </label>
          <label className="radio-inline">
            <input type="radio" name={modeName} checked={mode === 'replace'} onChange={() => setMode('replace')} />
            Replace them (they are archived)
          </label>
        </fieldset>
      )}

      {offerProfile && (
        <SelectField
          label="Agent profile for the AI stages without one"
          hint={
            activeProfiles.length === 0 ? (
              <>
                No agent profiles yet. <Link to="/agent-profiles/new">Create one</Link>, or import these stages as
                drafts.
              </>
            ) : (
              'AI interviews, role-plays and practice sessions are run by an agent profile. Stages that name one keep theirs.'
            )
          }
          options={[
            { value: '', label: 'Choose an agent profile' },
            ...activeProfiles.map((p) => ({ value: p.id, label: p.name })),
          ]}
          value={fillProfileId ?? ''}
          onChange={(event) => setFillProfileId(event.target.value || null)}
        />
      )}

      <ImportVerdict preview={preview} problems={problems} />
      {rows.length > 0 && (
        <section aria-label="Preview" className="stack-sm">
          <h3 className="subsection-title">Preview</h3>
          <ImportPreviewTable rows={rows} />
        </section>
      )}
    </DialogForm>
  );
}

/** What the preview found, before anything is imported: the problems, or that the pipeline will be fine. */
function ImportVerdict({ preview, problems }: { preview: ImportPreview; problems: readonly string[] }) {
  const rowProblems = 'rows' in preview ? preview.rows.filter((r) => r.problems.length > 0).length : 0;
  if (problems.length === 0 && rowProblems === 0) {
    if (preview.kind !== 'ready') return null;
    return (
      <p className="banner banner-success" role="status">
        Checked: nothing in this import breaks the pipeline.
      </p>
    );
  }
  return (
    <div className="banner banner-danger" role="alert">
      <p className="banner-title">
        {rowProblems > 0
          ? `This would build a broken pipeline: fix the ${plural(rowProblems, 'stage')} marked below`
          : 'This cannot be imported as it is'}
      </p>
      {problems.length > 0 && (
        <ul className="banner-list">
          {problems.map((p) => (
            <li key={p}>{asSentence(p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
