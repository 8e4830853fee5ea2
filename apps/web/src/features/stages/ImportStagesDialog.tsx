import { type FormEvent, useDeferredValue, useId, useState } from 'react';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { plural } from '../../lib/format.ts';
import { readServerError, type ServerIssue } from '../../lib/server-errors.ts';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { PasteField } from '../../ui/PasteField.tsx';
import { ImportPreviewTable } from './ImportPreviewTable.tsx';
import { type ImportMode, previewImport } from './import-preview.ts';
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

interface ImportStagesDialogProps {
  open: boolean;
  templateId: string;
  version: number;
  hasStages: boolean;
  onClose: () => void;
}

export function ImportStagesDialog({ open, onClose, ...rest }: ImportStagesDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Import stages from JSON"
      description="Paste an array of stages in the seed’s shape. Check the preview, then save them all in one step."
      size="xl"
    >
      <ImportForm onClose={onClose} {...rest} />
    </Dialog>
  );
}

function ImportForm({ templateId, version, hasStages, onClose }: Omit<ImportStagesDialogProps, 'open'>) {
  const [text, setText] = useState('');
  const [mode, setMode] = useState<ImportMode>('append');
  const [serverProblems, setServerProblems] = useState<string[]>([]);
  const modeName = useId();
  const preview = previewImport(useDeferredValue(text), templateId, mode);
  const { apply } = usePipelineCache(templateId);
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (preview.kind === 'ready') importStages.mutate({ ...preview.input, expected_version: version });
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

      {hasStages && (
        <fieldset className="fieldset fieldset-inline">
          <legend className="fieldset-legend">The current stages</legend>
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

      {problems.length > 0 && (
        <div className="banner banner-danger" role="alert">
          <ul className="banner-list">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {(preview.kind === 'ready' || preview.kind === 'invalid') && preview.rows.length > 0 && (
        <section aria-label="Preview" className="stack-sm">
          <h3 className="subsection-title">
            Preview {preview.kind === 'invalid' && <span className="text-danger">: fix the rows marked in red</span>}
          </h3>
          <ImportPreviewTable rows={preview.rows} />
        </section>
      )}
    </DialogForm>
  );
}
