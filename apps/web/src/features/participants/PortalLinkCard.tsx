import { DEFAULT_PORTAL_LINK_DAYS, MAX_PORTAL_LINK_DAYS } from '@stageflow/domain';
import { useState } from 'react';
import { toast } from 'sonner';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Badge, type BadgeTone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { CopyField } from '../../ui/CopyField.tsx';
import { useRefreshParticipants } from './use-participant-data.ts';

type Detail = RouterOutputs['participants']['byId'];
type LinkState = NonNullable<Detail['portal_link']>;

/** How long a new link works: the domain's default and bound, and a few choices between. */
const DAY_CHOICES = [...new Set([7, 14, DEFAULT_PORTAL_LINK_DAYS, 60, MAX_PORTAL_LINK_DAYS])].sort((a, b) => a - b);

const STATUS: Record<LinkState['status'], { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

/**
 * The participant's private portal link (docs/surfaces.md#portal-links): its state, and for admins
 * Create, Rotate (a new link; the old one stops) and Revoke. The link itself is shown once, right
 * after it is made: Stageflow keeps only a fingerprint of it.
 */
export function PortalLinkCard({ participant, canManage }: { participant: Detail; canManage: boolean }) {
  const link = participant.portal_link;
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const [shown, setShown] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | null>(null);
  const [days, setDays] = useState(DEFAULT_PORTAL_LINK_DAYS);

  const create = trpc.participants.portalLink.useMutation({
    onSuccess: async (made) => {
      setShown(made.url);
      setConfirm(null);
      toast.success(link?.status === 'active' ? 'New link made: the old one no longer works' : 'Portal link made');
      await refresh();
    },
    onError: (e) => showError(e),
  });
  const revoke = trpc.participants.revokePortalLink.useMutation({
    onSuccess: async () => {
      setShown(null);
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
              {DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
            {active ? (
              <>
                <Button onClick={() => setConfirm('rotate')}>Rotate</Button>
                <Button variant="danger" onClick={() => setConfirm('revoke')}>
                  Revoke
                </Button>
              </>
            ) : (
              <Button
                variant="primary"
                pending={create.isPending}
                onClick={() => create.mutate({ participant_id: participant.id, expires_in_days: days })}
              >
                Create link
              </Button>
            )}
          </div>
        )}
      </div>

      {shown && (
        <div className="stack-sm portal-link-shown">
          <div className="banner banner-warning" role="status">
            <p className="banner-title">Copy this link now: you won't see it again.</p>
            Stageflow keeps only a fingerprint of it. If it is lost, rotate it to get a new one.
          </div>
          <CopyField value={shown} label={`Portal link for ${participant.name}`} copyLabel="Copy link" />
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
        title={confirm === 'rotate' ? 'Make a new portal link?' : 'Revoke the portal link?'}
        confirmLabel={confirm === 'rotate' ? 'Make new link' : 'Revoke link'}
        pending={create.isPending || revoke.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          confirm === 'rotate'
            ? create.mutate({ participant_id: participant.id, expires_in_days: days })
            : revoke.mutate({ participant_id: participant.id })
        }
      >
        {confirm === 'rotate'
          ? 'The link they have stops working at once, and you get a new one to send.'
          : 'The link stops working at once. You can make a new one later.'}
      </ConfirmDialog>
    </section>
  );
}
