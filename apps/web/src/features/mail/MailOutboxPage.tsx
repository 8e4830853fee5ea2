import { MAIL_STATUSES, type MailStatus } from '@stageflow/domain';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '../../app/trpc.ts';
import { formatDateTime, plural } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { ToolbarSelect } from '../../ui/ListToolbar.tsx';
import { LoadingState } from '../../ui/LoadingState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useCan } from '../account/use-account.ts';
import { MailMessageDialog } from './MailMessageDialog.tsx';
import { MAIL_KIND, MAIL_STATUS } from './mail-setup.ts';
import './mail.css';

const PAGE_SIZE = 50;

/**
 * Developer → Mail (docs/mail.md#the-outbox): every message Stageflow wrote for the workspace, newest
 * first, with where it stands; open one to read it as it was (or will be) sent. Owners only: the
 * outbox holds links that let people in.
 */
export default function MailOutboxPage() {
  const isOwner = useCan('owner');
  return (
    <>
      <PageHeader
        title="Mail"
        description="Every email Stageflow writes for this workspace, and whether it left: invitations, portal links and the daily digest of open decisions."
      />
      {isOwner ? (
        <Outbox />
      ) : (
        <EmptyState title="The mail outbox is for owners">
          Messages hold links that let people in (portal links, invitations), so only owners read them here.
        </EmptyState>
      )}
    </>
  );
}

function Outbox() {
  const setup = trpc.mail.setup.useQuery(undefined, { staleTime: 5 * 60_000 });
  const [status, setStatus] = useState<MailStatus | ''>('');
  const [cursors, setCursors] = useState<{ status: string; list: (string | undefined)[] }>({
    status: '',
    list: [undefined],
  });
  const list = cursors.status === status ? cursors.list : [undefined];
  const pages = trpc.useQueries((t) =>
    list.map((cursor) =>
      t.mail.list(
        { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
        { placeholderData: keepPreviousData },
      ),
    ),
  );
  const [open, setOpen] = useState<string | null>(null);
  const first = pages[0];
  const next = pages.at(-1)?.data?.next_cursor ?? null;
  const items = pages.flatMap((p) => p.data?.items ?? []);

  return (
    <div className="stack-lg">
      {setup.data && !setup.data.configured && (
        <div className="banner banner-warning" role="status">
          <p className="banner-title">Mail is not set up: nothing is sent.</p>
          Messages are kept here, marked Not sent, so you can read them and hand over their links yourself. The server’s
          operator sets <code>SMTP_URL</code> and <code>MAIL_FROM</code> to send mail; messages kept before that stay
          unsent.
        </div>
      )}
      {setup.data?.configured && (
        <p className="muted">
          Mail is sent from <strong>{setup.data.from}</strong>. A message that could not be sent is tried again for
          about a day.
        </p>
      )}
      <div className="toolbar">
        <ToolbarSelect
          label="Status"
          value={status}
          onChange={(value) => setStatus(MAIL_STATUSES.find((s) => s === value) ?? '')}
        >
          <option value="">All statuses</option>
          {MAIL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {MAIL_STATUS[s].label}
            </option>
          ))}
        </ToolbarSelect>
      </div>
      {first?.isPending ? (
        <LoadingState label="Loading mail" />
      ) : first?.isError ? (
        <ErrorState error={first.error} onRetry={() => void first.refetch()} title="Could not load the mail outbox" />
      ) : items.length === 0 ? (
        <EmptyState title={status ? `No messages ${MAIL_STATUS[status].label.toLowerCase()}` : 'No mail yet'}>
          Invitations, portal links sent from a participant’s page or at enrolment, and the daily digest show here.
        </EmptyState>
      ) : (
        <>
          <DataTable
            rows={items}
            caption="Mail outbox"
            className="mail-table"
            rowKey={(m) => m.id}
            columns={[
              {
                header: 'Message',
                rowHeader: true,
                cell: (m) => (
                  <>
                    <button type="button" className="link-button" onClick={() => setOpen(m.id)}>
                      {m.subject}
                    </button>
                    <span className="row-sub">
                      {MAIL_KIND[m.kind]} to {m.to_name ? `${m.to_name} <${m.to}>` : m.to}
                    </span>
                  </>
                ),
              },
              {
                header: 'Status',
                cell: (m) => (
                  <>
                    <Badge tone={MAIL_STATUS[m.status].tone}>{MAIL_STATUS[m.status].label}</Badge>
                    {m.status === 'queued' && m.attempts > 0 && (
                      <span className="row-sub">
                        {plural(m.attempts, 'try', 'tries')} so far; next{' '}
                        {m.next_attempt_at ? formatDateTime(m.next_attempt_at) : 'soon'}
                      </span>
                    )}
                  </>
                ),
              },
              {
                header: 'Written',
                className: 'nowrap',
                cell: (m) => formatDateTime(m.created_at),
              },
              {
                header: 'Sent',
                className: 'nowrap',
                cell: (m) => (m.sent_at ? formatDateTime(m.sent_at) : <span className="muted">—</span>),
              },
            ]}
          />
          {next && (
            <Button onClick={() => setCursors({ status, list: [...list, next] })} pending={pages.at(-1)?.isPending}>
              Show older messages
            </Button>
          )}
        </>
      )}
      <MailMessageDialog id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
