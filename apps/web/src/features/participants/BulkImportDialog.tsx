import { type FormEvent, useDeferredValue, useId, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { plural } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Dialog, DialogBody, DialogDone, DialogFooter } from '../../ui/Dialog.tsx';
import { CheckboxField } from '../../ui/Field.tsx';
import { PasteField } from '../../ui/PasteField.tsx';
import { useMailSetup } from '../mail/mail-setup.ts';
import {
  CSV_COLUMNS,
  CSV_EXAMPLE,
  checkRows,
  chunk,
  type ImportOutcome,
  type ImportRow,
  markAlreadyEnrolled,
  mergeOutcome,
  parseImport,
} from './bulk-import.ts';
import { TemplateSelect } from './TemplateSelect.tsx';
import { useAlreadyEnrolled } from './use-already-enrolled.ts';
import { useRefreshParticipants } from './use-participant-data.ts';

interface BulkImportDialogProps {
  open: boolean;
  onClose: () => void;
  templateId?: string | undefined;
}

export function BulkImportDialog({ open, onClose, templateId }: BulkImportDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Import participants"
      description="Paste or upload a CSV or JSON list. Check the preview, then add them all at the first stage."
      size="xl"
    >
      <BulkImportForm onClose={onClose} initialTemplateId={templateId ?? ''} />
    </Dialog>
  );
}

type Phase =
  | { kind: 'edit' }
  | { kind: 'importing'; sent: number; total: number }
  | { kind: 'done'; outcome: ImportOutcome; mailed: Mailed };

/** How many portal links were emailed, and how many were kept unsent (mail not set up). */
interface Mailed {
  queued: number;
  notSent: number;
}

function BulkImportForm({ onClose, initialTemplateId }: { onClose: () => void; initialTemplateId: string }) {
  const [templateId, setTemplateId] = useState(initialTemplateId);
  const [text, setText] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const [sendLinks, setSendLinks] = useState(false);
  const mailSetUp = useMailSetup();
  const fileId = useId();
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const bulkCreate = trpc.participants.bulkCreate.useMutation();

  const deferred = useDeferredValue(text);
  const parsed = useMemo(() => parseImport(deferred), [deferred]);
  const checked = useMemo(
    () => (parsed.kind === 'parsed' ? checkRows(parsed.rows, templateId) : []),
    [parsed, templateId],
  );
  // Emails the template already has are skipped by the server: the preview says so first.
  const known = useAlreadyEnrolled(
    templateId,
    checked.filter((r) => r.problems.length === 0).map((r) => r.email),
  );
  const rows = useMemo(() => markAlreadyEnrolled(checked, known.enrolled), [checked, known.enrolled]);
  const ready = rows.filter((r) => r.problems.length === 0);
  const skipped = rows.filter((r) => r.problems.length > 0);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!templateId || ready.length === 0) return;
    let outcome: ImportOutcome = {
      created: [],
      skipped: skipped.map((r) => ({ source: r.source, name: r.name, email: r.email, reason: r.problems.join('; ') })),
    };
    setPhase({ kind: 'importing', sent: 0, total: ready.length });
    let sent = 0;
    const mailed: Mailed = { queued: 0, notSent: 0 };
    for (const group of chunk(ready)) {
      try {
        const answer = await bulkCreate.mutateAsync({
          evaluation_template_id: templateId,
          participants: group.map((r) => r.fields),
          send_portal_link: sendLinks,
        });
        outcome = mergeOutcome(outcome, group, answer);
        for (const created of answer.created) {
          if (created.portal_link_mail?.status === 'not_sent') mailed.notSent++;
          else if (created.portal_link_mail) mailed.queued++;
        }
      } catch (error) {
        showError(error);
        // What was sent before this request is saved; say so rather than pretend nothing happened.
        if (outcome.created.length === 0) {
          setPhase({ kind: 'edit' });
          return;
        }
        outcome = {
          ...outcome,
          skipped: [
            ...outcome.skipped,
            ...ready.slice(sent).map((r) => ({ ...pick(r), reason: 'not sent: the import stopped on an error' })),
          ],
        };
        break;
      }
      sent += group.length;
      setPhase({ kind: 'importing', sent, total: ready.length });
    }
    setPhase({ kind: 'done', outcome, mailed });
    toast.success(`Added ${plural(outcome.created.length, 'participant')}`);
    await refresh();
  };

  if (phase.kind === 'done') return <ImportResult outcome={phase.outcome} mailed={phase.mailed} onClose={onClose} />;
  const importing = phase.kind === 'importing';

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <DialogBody>
        <TemplateSelect value={templateId} onChange={setTemplateId} />
        <PasteField
          label="Participants (CSV or JSON)"
          error={parsed.kind === 'error' ? parsed.message : undefined}
          hint={
            <>
              CSV starts with the header <code>{CSV_COLUMNS.join(',')}</code> (name and email required; separate tags
              with semicolons). JSON is an array of objects with the same fields.
            </>
          }
          example={CSV_EXAMPLE}
          exampleLabel="Use an example"
          rows={7}
          value={text}
          onChange={setText}
          disabled={importing}
        />
        <div className="file-pick">
          <label htmlFor={fileId}>Or choose a file</label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.json,text/csv,application/json,text/plain"
            disabled={importing}
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </div>

        <CheckboxField
          label="Send each person their portal link"
          hint={
            mailSetUp === false
              ? 'Mail is not set up on this server: the links would wait in Developer → Mail, not sent.'
              : 'By email: a private link to see where they stand, in the template’s language.'
          }
        >
          {(p) => (
            <input
              {...p}
              type="checkbox"
              checked={sendLinks}
              disabled={importing}
              onChange={(e) => setSendLinks(e.target.checked)}
            />
          )}
        </CheckboxField>

        {parsed.kind === 'parsed' && parsed.warnings.length > 0 && (
          <div className="banner banner-warning" role="status">
            <ul className="banner-list">
              {parsed.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        {rows.length > 0 && (
          <section aria-label="Preview" className="stack-sm">
            <h3 className="subsection-title">
              Preview: {plural(ready.length, 'participant')} will be added
              {skipped.length > 0 && <span className="text-danger">, {skipped.length} skipped</span>}
            </h3>
            {known.checking && (
              <p className="muted" role="status">
                Checking which emails are already in this template…
              </p>
            )}
            <ImportPreview rows={rows} />
          </section>
        )}
      </DialogBody>
      <DialogFooter>
        {importing && (
          <span className="push-left muted" role="status">
            Importing {phase.sent} of {phase.total}…
          </span>
        )}
        <Button onClick={onClose} disabled={importing}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={!templateId || ready.length === 0} pending={importing}>
          {ready.length > 0 ? `Import ${plural(ready.length, 'participant')}` : 'Import'}
        </Button>
      </DialogFooter>
    </form>
  );
}

const pick = (r: ImportRow) => ({ source: r.source, name: r.name, email: r.email });

const dash = (text: string) => text || <span className="muted">—</span>;

function ImportPreview({ rows }: { rows: readonly ImportRow[] }) {
  return (
    <DataTable
      rows={rows}
      caption="Participants to import"
      className="table-compact"
      wrapClassName="preview-scroll"
      rowKey={(row) => row.source}
      rowClassName={(row) => (row.problems.length ? 'row-invalid' : undefined)}
      columns={[
        { header: 'Row', className: 'nowrap', cell: (row) => row.source },
        { header: 'Name', rowHeader: true, cell: (row) => dash(row.name) },
        { header: 'Email', cell: (row) => dash(row.email) },
        {
          header: 'Result',
          cell: (row) =>
            row.problems.length === 0 ? (
              <Badge tone="success">Will be added</Badge>
            ) : (
              <>
                <Badge tone="danger">Skipped</Badge>
                {row.problems.map((problem) => (
                  <span key={problem} className="field-error row-problem">
                    {problem}
                  </span>
                ))}
              </>
            ),
        },
      ]}
    />
  );
}

function ImportResult({ outcome, mailed, onClose }: { outcome: ImportOutcome; mailed: Mailed; onClose: () => void }) {
  return (
    <DialogDone onDone={onClose} focusDone>
      <div className="import-result" role="status">
        <p>
          <strong>{plural(outcome.created.length, 'participant')} added</strong>
          {outcome.skipped.length > 0 && <>, {outcome.skipped.length} skipped</>}.
          {mailed.queued > 0 && <> Their portal links were emailed ({plural(mailed.queued, 'message')}).</>}
        </p>
      </div>
      {mailed.notSent > 0 && (
        <div className="banner banner-warning" role="status">
          <p className="banner-title">Mail is not set up: the links were not sent.</p>
          {plural(mailed.notSent, 'message')} wait in Developer → Mail, where an owner can read and copy each link.
        </div>
      )}
      {outcome.skipped.length > 0 && (
        <section aria-label="Skipped" className="stack-sm">
          <h3 className="subsection-title">Skipped, and why</h3>
          <DataTable
            rows={outcome.skipped}
            className="table-compact"
            wrapClassName="preview-scroll"
            rowKey={(skipped) => `${skipped.source}-${skipped.email}`}
            columns={[
              { header: 'Row', className: 'nowrap', cell: (skipped) => skipped.source },
              { header: 'Email', cell: (skipped) => dash(skipped.email) },
              { header: 'Reason', cell: (skipped) => skipped.reason },
            ]}
          />
        </section>
      )}
    </DialogDone>
  );
}
