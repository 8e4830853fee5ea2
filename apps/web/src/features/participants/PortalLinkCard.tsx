import { DEFAULT_PORTAL_LINK_DAYS } from '@stageflow/domain';
import { useState } from 'react';
import { toast } from 'sonner';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Badge, type BadgeTone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { CopyField } from '../../ui/CopyField.tsx';
import { MAIL_NOT_SET_UP_LINK, useMailSetup } from '../mail/mail-setup.ts';
import { PORTAL_LINK_DAY_CHOICES } from './portal-link-days.ts';
import { useRefreshParticipants } from './use-participant-data.ts';

type Detail = RouterOutputs['participants']['byId'];
type LinkState = NonNullable<Detail['portal_link']>;

const STATUS: Record<LinkState['status'], { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

const CONFIRM = {
  send: { title: 'Email the portal link?', label: 'Send link' },
  rotate: { title: 'Make a new portal link?', label: 'Make new link' },
  revoke: { title: 'Revoke the portal link?', label: 'Revoke link' },
} as const;

/**
 * The participant's private portal link (docs/surfaces.md#portal-links): its state, and for admins
 * Send link (a new link, emailed: docs/mail.md#the-portal-link), Create, Rotate (a new link; the old one
 * stops) and Revoke. The link itself is shown once, right
 * after it is made: Stageflow keeps only a fingerprint of it.
 */
export function PortalLinkCard({ participant, canManage }: { participant: Detail; canManage: boolean }) {
  const link = participant.portal_link;
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  // The link just made, to copy: only its fingerprint is kept. `notSent`: it was to be emailed, but mail is not set up.
  const [shown, setShown] = useState<{ url: string; notSent: boolean } | null>(null);
  const [emailed, setEmailed] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | 'send' | null>(null);
  const [days, setDays] = useState(DEFAULT_PORTAL_LINK_DAYS);
  const mailSetUp = useMailSetup();

  const create = trpc.participants.portalLink.useMutation({
    onSuccess: async (made) => {
      setShown({ url: made.url, notSent: false });
      setEmailed(null);
      setConfirm(null);
      toast.success(link?.status === 'active' ? 'New link made: the old one no longer works' : 'Portal link made');
      await refresh();
    },
    onError: (e) => showError(e),
  });
  const send = trpc.participants.sendPortalLink.useMutation({
    onSuccess: async (sent) => {
      setConfirm(null);
      if (sent.mail.status === 'not_sent') {
        setShown({ url: sent.url, notSent: true });
        setEmailed(null);
        toast.warning(MAIL_NOT_SET_UP_LINK);
      } else {
        setShown(null);
        setEmailed(sent.mail.to);
        toast.success(`Portal link emailed to ${sent.mail.to}`);
      }
      await refresh();
    },
    onError: (e) => showError(e),
  });
  const revoke = trpc.participants.revokePortalLink.useMutation({
    onSuccess: async () => {
      setShown(null);
      setEmailed(null);
      setConfirm(null);
      toast.success('Portal link revoked');
      await refresh();
    },
    onError: (e) => showError(e),
  });
  const active = link?.status === 'active';

  return (
    <section className="card" aria-labelledby="portal-link-title">
      <div className="section-header">
        <div>
          <h2 id="portal-link-title" className="section-title">
            Portal link {link && <Badge tone={STATUS[link.status].tone}>{STATUS[link.status].label}</Badge>}
          </h2>
          <p className="section-description">
            A private link for {participant.name} to see where they stand. Anyone with it gets in, so send it only to
            them.
          </p>
        </div>
        {canManage && (
          <div className="section-actions">
            <select
              className="portal-link-days"
              aria-label="A new link works for"
              value={days}
              onChange={(event) => setDays(Number(event.target.value))}
            >
              {PORTAL_LINK_DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
            <Button variant="primary" onClick={() => setConfirm('send')}>
              Send link
            </Button>
            {active ? (
              <>
                <Button onClick={() => setConfirm('rotate')}>Rotate</Button>
                <Button variant="danger" onClick={() => setConfirm('revoke')}>
                  Revoke
                </Button>
              </>
            ) : (
              <Button
                pending={create.isPending}
                onClick={() => create.mutate({ participant_id: participant.id, expires_in_days: days })}
              >
                Create link
              </Button>
            )}
          </div>
        )}
      </div>

      {emailed && (
        <p className="banner banner-success" role="status">
          Emailed a new link to {emailed}. Developer → Mail shows when it leaves.
        </p>
      )}

      {shown && (
        <div className="stack-sm portal-link-shown">
          <div className="banner banner-warning" role="status">
            <p className="banner-title">
              {shown.notSent ? MAIL_NOT_SET_UP_LINK : "Copy this link now: you won't see it again."}
            </p>
            Stageflow keeps only a fingerprint of it. If it is lost, rotate it to get a new one.
          </div>
          <CopyField value={shown.url} label={`Portal link for ${participant.name}`} copyLabel="Copy link" />
        </div>
      )}

      {link ? (
        <dl className="details">
          <div className="detail">
            <dt>Created</dt>
            <dd>{formatDateTime(link.created_at)}</dd>
          </div>
          <div className="detail">
            <dt>Last opened</dt>
            <dd>{link.last_opened_at ? formatDateTime(link.last_opened_at) : 'Not yet'}</dd>
          </div>
          <div className="detail">
            <dt>{link.status === 'revoked' ? 'Revoked' : link.status === 'expired' ? 'Expired' : 'Expires'}</dt>
            <dd>{formatDateTime(link.revoked_at ?? link.expires_at)}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">No link yet.</p>
      )}

      <ConfirmDialog
        open={confirm !== null}
        title={CONFIRM[confirm ?? 'revoke'].title}
        confirmLabel={CONFIRM[confirm ?? 'revoke'].label}
        pending={create.isPending || revoke.isPending || send.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm === 'rotate') create.mutate({ participant_id: participant.id, expires_in_days: days });
          else if (confirm === 'send') send.mutate({ participant_id: participant.id, expires_in_days: days });
          else revoke.mutate({ participant_id: participant.id });
        }}
      >
        {confirm === 'send' ? (
          <>
            Email a new link to <strong>{participant.email}</strong>, working for {days} days?
            {active && ' The link they have now stops working.'}{' '}
            {mailSetUp === false &&
              'Mail is not set up on this server: the message waits in Developer → Mail and the link is shown here for you to copy.'}
          </>
        ) : confirm === 'rotate' ? (
          'The link they have stops working at once, and you get a new one to send.'
        ) : (
          'The link stops working at once. You can make a new one later.'
        )}
      </ConfirmDialog>
    </section>
  );
}
