import type { EvaluationTemplate } from '@stageflow/domain';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { peopleAre } from '../../lib/format.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { usePipelinePeople } from '../stages/use-pipeline-people.ts';
import { EditTemplateDialog } from './EditTemplateDialog.tsx';

/** Edit details, duplicate and archive: the template page's header actions. */
export function TemplateActions({ template }: { template: EvaluationTemplate }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const showError = useServerError();
  const [editing, setEditing] = useState(false);
  const [confirmingArchive, setConfirmingArchive] = useState(false);

  const duplicate = trpc.templates.duplicate.useMutation({
    onSuccess: async (copy) => {
      toast.success(`Created “${copy.template_name}” as a draft`);
      await utils.templates.invalidate();
      navigate(`/templates/${copy.id}`);
    },
    onError: (error) => showError(error),
  });
  const archive = trpc.templates.archive.useMutation({
    onSuccess: async (archived) => {
      toast.success(`Archived “${archived.template_name}”`);
      setConfirmingArchive(false);
      await utils.templates.invalidate();
    },
    onError: (error) => showError(error),
  });

  return (
    <>
      <Button onClick={() => setEditing(true)}>Edit details</Button>
      <Button pending={duplicate.isPending} onClick={() => duplicate.mutate({ id: template.id })}>
        Duplicate
      </Button>
      {template.status !== 'archived' && (
        <Button variant="ghost" onClick={() => setConfirmingArchive(true)}>
          Archive
        </Button>
      )}
      <EditTemplateDialog template={template} open={editing} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={confirmingArchive}
        title="Archive this template?"
        confirmLabel="Archive template"
        pending={archive.isPending}
        onConfirm={() => archive.mutate({ id: template.id })}
        onClose={() => setConfirmingArchive(false)}
      >
        “{template.template_name}” will leave the active list. Its stages and history are kept, and you can set it back
        to active from Edit details.
        {confirmingArchive && <PeopleInTemplate templateId={template.id} />}
      </ConfirmDialog>
    </>
  );
}

/** Before archiving: who is in the template, and that archiving neither moves nor stops them. */
function PeopleInTemplate({ templateId }: { templateId: string }) {
  const people = usePipelinePeople(templateId);
  if (!people.loaded) return null;
  if (people.total === 0) return <p className="people-note">Nobody has been added to it yet.</p>;
  return (
    <p className="banner banner-warning people-note" role="note">
      {peopleAre(people.total)} in this template
      {people.inProgress > 0 ? `, ${people.inProgress} still in progress` : ''}. Archiving does not move or stop them:
      they go on through its stages and you can still act on them. It is no longer offered when adding participants.
    </p>
  );
}
