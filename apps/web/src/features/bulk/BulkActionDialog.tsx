import { type BulkAction, DEFAULT_PORTAL_LINK_DAYS } from '@stageflow/domain';
import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { plural } from '../../lib/format.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogBody, DialogFooter } from '../../ui/Dialog.tsx';
import { useMailSetup } from '../mail/mail-setup.ts';
import { useRefreshParticipants } from '../participants/use-participant-data.ts';
import { BulkActionForm, type BulkFormValues, type BulkRequest, requestOf, showIssues } from './BulkActionForm.tsx';
import { BulkItemsTable } from './BulkItemsTable.tsx';
import { ACTION_WORDS, countsSentence, fixHint, linksNotSentWords } from './bulk-words.ts';
import { type Selection, selectedCount, selectionInput } from './use-selection.ts';

interface BulkActionDialogProps {
  /** Who to act on, as selected when the dialog opened; null: closed. */
  selection: Selection | null;
  onClose: () => void;
  /** The bulk action was started: the page's selection has done its job. */
  onStarted: () => void;
}

/**
 * A bulk action in three steps (docs/surfaces.md#bulk-actions): choose what to do, read the preview
 * (each person's command decided by the server, stored nowhere), then apply it and watch it run.
 */
export function BulkActionDialog({ selection, onClose, onStarted }: BulkActionDialogProps) {
  const count = selection ? selectedCount(selection) : 0;
  return (
    <Dialog
      open={selection !== null}
      onClose={onClose}
      title={`Act on ${plural(count, 'person', 'people')}`}
      description="Each person gets the same command as their own page’s buttons send, with the same rules."
      size="xl"
    >
      {selection && <BulkFlow selection={selection} onClose={onClose} onStarted={onStarted} />}
    </Dialog>
  );
}

type Phase =
  | { kind: 'choose' }
  | { kind: 'preview'; preview: BulkAction; request: BulkRequest; key: string }
  | { kind: 'started'; started: BulkAction };

const nextHour = () => {
  const next = new Date();
  next.setMinutes(60, 0, 0);
  return next.toISOString();
};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** An idempotency key made in the browser (`crypto.randomUUID` needs https; this works on plain http too). */
const clientKey = () =>
  `web-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

function BulkFlow({
  selection,
  onClose,
  onStarted,
}: { selection: Selection } & Omit<BulkActionDialogProps, 'selection'>) {
  const [values, setValues] = useState<BulkFormValues>(() => ({
    action: 'advance',
    note: '',
    tags: { add: [], remove: [] },
    scheduled_at: nextHour(),
    timezone: browserTimeZone(),
    notes: '',
    expires_in_days: DEFAULT_PORTAL_LINK_DAYS,
  }));
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const create = trpc.bulkActions.create.useMutation();
  const showError = useServerError();
  const who = selectionInput(selection);
  const mailSetUp = useMailSetup();

  const preview = (next: BulkFormValues, form: UseFormReturn<BulkFormValues>) => {
    setValues(next);
    const request = requestOf(next);
    create.mutate(
      { ...request, ...who, dry_run: true },
      {
        // A new key for each preview: applying it twice (a double click, a retry) starts one bulk action.
        onSuccess: (answer) => setPhase({ kind: 'preview', preview: answer, request, key: clientKey() }),
        onError: (error) => {
          const read = readServerError(error);
          showIssues(form, read.issues, read.message);
        },
      },
    );
  };

  if (phase.kind === 'choose') {
    return (
      <BulkActionForm initial={values} who={who} pending={create.isPending} onCancel={onClose} onPreview={preview} />
    );
  }
  if (phase.kind === 'started') return <BulkProgress started={phase.started} onClose={onClose} />;

  const { preview: previewed, request, key } = phase;
  const applicable = previewed.counts.applied;
  const hint = fixHint(previewed.items, previewed.action);
  const notSent = linksNotSentWords(previewed.action, mailSetUp, true);
  const apply = () =>
    create.mutate(
      {
        ...request,
        // Exactly the people previewed: someone who came to match the filter since is not acted on unseen.
        participant_ids: previewed.items.map((i) => i.participant_id),
        dry_run: false,
        idempotency_key: key,
      },
      {
        onSuccess: (started) => {
          setPhase({ kind: 'started', started });
          onStarted();
        },
        onError: (error) => showError(error),
      },
    );
  return (
    <>
      <DialogBody>
        <p className="bulk-summary">
          <strong>Preview:</strong> {countsSentence(previewed.action, previewed.counts, true)} Nothing has changed yet.
        </p>
        {hint && <p className="banner banner-warning">{hint}</p>}
        {notSent && <p className="banner banner-warning">{notSent}</p>}
        <BulkItemsTable items={previewed.items} preview />
      </DialogBody>
      <DialogFooter>
        <Button onClick={() => setPhase({ kind: 'choose' })}>Back</Button>
        <Button variant="primary" disabled={applicable === 0} pending={create.isPending} onClick={apply}>
          {applicable === 0 ? 'Nothing to apply' : ACTION_WORDS[previewed.action].apply(applicable)}
        </Button>
      </DialogFooter>
    </>
  );
}

/** The applied bulk action as it runs, person by person, then what happened to each. */
function BulkProgress({ started, onClose }: { started: BulkAction; onClose: () => void }) {
  const refresh = useRefreshParticipants();
  const query = trpc.bulkActions.byId.useQuery(
    { id: started.id ?? '' },
    { initialData: started, refetchInterval: (q) => (q.state.data?.status === 'running' ? 400 : false) },
  );
  const action = query.data;
  const running = action.status === 'running';
  const mailSetUp = useMailSetup();
  const notSent = action.counts.applied > 0 ? linksNotSentWords(action.action, mailSetUp, false) : null;
  const announced = useRef(false);
  useEffect(() => {
    if (running || announced.current) return;
    announced.current = true;
    toast.success(`Bulk action finished: ${countsSentence(action.action, action.counts, false)}`);
    void refresh();
  }, [running, action, refresh]);

  return (
    <>
      <DialogBody>
        <div className="bulk-progress">
          <p aria-live="polite" className="bulk-summary">
            {running
              ? `Working: ${action.processed} of ${action.total} done. It carries on if you close this.`
              : `Finished: ${countsSentence(action.action, action.counts, false)}`}
          </p>
          <progress max={action.total} value={action.processed} aria-label="Bulk action progress" />
        </div>
        {notSent && (
          <p className="banner banner-warning" role="status">
            {notSent}
          </p>
        )}
        <BulkItemsTable items={action.items} preview={false} />
      </DialogBody>
      <DialogFooter>
        <Button variant="primary" onClick={onClose} autoFocus>
          {running ? 'Close' : 'Done'}
        </Button>
      </DialogFooter>
    </>
  );
}
