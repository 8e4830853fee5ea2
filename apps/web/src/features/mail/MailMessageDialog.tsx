import { trpc } from '../../app/trpc.ts';
import { formatDateTime, plural } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Dialog, DialogDone } from '../../ui/Dialog.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { MAIL_KIND, MAIL_STATUS } from './mail-setup.ts';

/**
 * One message of the outbox as it was (or will be) sent: who it is for, where it stands, its text part,
 * and its HTML as source (shown as text, never rendered: it is the workspace's record, not a page).
 */
export function MailMessageDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  return (
    <Dialog open={id !== null} onClose={onClose} title="Message" size="lg">
      {id && <Message id={id} onClose={onClose} />}
    </Dialog>
  );
}

function Message({ id, onClose }: { id: string; onClose: () => void }) {
  const query = trpc.mail.byId.useQuery({ id });
  return (
    <DialogDone onDone={onClose}>
      <QueryGate query={query} loading="Loading the message">
        {(m) => (
          <div className="stack-md">
            <dl className="details mail-details">
              <div className="detail">
                <dt>Subject</dt>
                <dd>{m.subject}</dd>
              </div>
              <div className="detail">
                <dt>To</dt>
                <dd>{m.to_name ? `${m.to_name} <${m.to}>` : m.to}</dd>
              </div>
              <div className="detail">
                <dt>What</dt>
                <dd>{MAIL_KIND[m.kind]}</dd>
              </div>
              <div className="detail">
                <dt>Status</dt>
                <dd>
                  <Badge tone={MAIL_STATUS[m.status].tone}>{MAIL_STATUS[m.status].label}</Badge>{' '}
                  {MAIL_STATUS[m.status].means}
                </dd>
              </div>
              <div className="detail">
                <dt>Written</dt>
                <dd>{formatDateTime(m.created_at)}</dd>
              </div>
              {m.sent_at && (
                <div className="detail">
                  <dt>Sent</dt>
                  <dd>{formatDateTime(m.sent_at)}</dd>
                </div>
              )}
              {m.attempts > 0 && (
                <div className="detail">
                  <dt>Tries</dt>
                  <dd>
                    {plural(m.attempts, 'try', 'tries')}
                    {m.next_attempt_at && <>; the next at {formatDateTime(m.next_attempt_at)}</>}
                  </dd>
                </div>
              )}
              {m.last_error && (
                <div className="detail">
                  <dt>Last error</dt>
                  <dd className="mail-error">{m.last_error}</dd>
                </div>
              )}
            </dl>
            <section aria-labelledby="mail-text-title" className="stack-sm">
              <h3 id="mail-text-title" className="subsection-title">
                Text
              </h3>
              <pre className="mail-body" lang={m.language}>
                {m.text}
              </pre>
            </section>
            <details className="mail-html">
              <summary>HTML version (source)</summary>
              <pre className="mail-body">{m.html}</pre>
            </details>
          </div>
        )}
      </QueryGate>
    </DialogDone>
  );
}
