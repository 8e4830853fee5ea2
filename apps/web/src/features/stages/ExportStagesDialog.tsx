import { typeFromName } from '@stageflow/domain';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { downloadText } from '../../lib/download.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogBody, DialogFooter } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';

interface ExportStagesDialogProps {
  open: boolean;
  templateId: string;
  templateName: string;
  onClose: () => void;
}

export function ExportStagesDialog({ open, templateId, templateName, onClose }: ExportStagesDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Export stages as JSON"
      description="The live pipeline in the seed’s shape: paste it into Import JSON on another template, or send it to the API."
      size="lg"
    >
      <ExportBody templateId={templateId} fileName={`${typeFromName(templateName)}-stages.json`} />
      <DialogFooter>
        <Button onClick={onClose}>Close</Button>
      </DialogFooter>
    </Dialog>
  );
}

function ExportBody({ templateId, fileName }: { templateId: string; fileName: string }) {
  const query = trpc.stages.export.useQuery({ evaluation_template_id: templateId });
  return (
    <DialogBody>
      <QueryGate query={query} loading="Preparing export">
        {(stages) => <ExportedJson json={JSON.stringify(stages, null, 2)} fileName={fileName} />}
      </QueryGate>
    </DialogBody>
  );
}

function ExportedJson({ json, fileName }: { json: string; fileName: string }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      toast.success('Copied the stages JSON');
    } catch {
      toast.error('The browser did not allow copying. Select the text and copy it instead.');
    }
  };
  return (
    <>
      <div className="code-actions">
        <Button size="sm" onClick={() => void copy()}>
          Copy
        </Button>
        <Button size="sm" onClick={() => downloadText(fileName, json, 'application/json')}>
          Download {fileName}
        </Button>
      </div>
      <Field label="Stages JSON" hint="Read-only. Select it, copy it, or download it as a file.">
        {(p) => <textarea {...p} className="code-block" readOnly rows={16} spellCheck={false} value={json} />}
      </Field>
    </>
  );
}
