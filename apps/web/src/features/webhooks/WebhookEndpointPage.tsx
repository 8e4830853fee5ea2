import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { formatDateTime } from '../../lib/format.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { NotFoundState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EndpointDialog } from './EndpointDialog.tsx';
import { SecretShown } from './SecretShown.tsx';
import { describeEventTypes, endpointState, type WebhookEndpoint } from './webhooks.ts';
import './webhooks.css';

/** One endpoint: its settings and secret, Send test event, and its delivery log with Replay. */
export default function WebhookEndpointPage() {
  const { endpointId = '' } = useParams();
  const query = trpc.webhooks.byId.useQuery({ id: endpointId }, { retry: false });
  return (
    <QueryGate
      query={query}
      loading="Loading the endpoint"
      notFound={
        <NotFoundState title="Endpoint not found" back={{ to: '/developer/webhooks', label: 'Back to webhooks' }}>
          It may have been deleted, or the link is not one of this workspace's endpoints.
        </NotFoundState>
      }
    >
      {(endpoint) => <EndpointView endpoint={endpoint} />}
    </QueryGate>
  );
}

function EndpointView({ endpoint }: { endpoint: WebhookEndpoint }) {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState<string>();
  const state = endpointState(endpoint);
  const refresh = async () => {
    await Promise.all([utils.webhooks.byId.invalidate({ id: endpoint.id }), utils.webhooks.list.invalidate()]);
  };
  const failed = (error: unknown) => toast.error(readServerError(error).message);

  const sendTest = trpc.webhooks.sendTest.useMutation({
    onSuccess: async () => {
      toast.success('Test event queued: it appears in the log below');
      await utils.webhooks.deliveries.invalidate({ id: endpoint.id });
    },
    onError: failed,
  });
  const toggle = trpc.webhooks.update.useMutation({
    onSuccess: async (after) => {
      toast.success(after.enabled ? 'Endpoint enabled' : 'Endpoint disabled');
      await refresh();
      await utils.webhooks.deliveries.invalidate({ id: endpoint.id });
    },
    onError: failed,
  });
  const rotate = trpc.webhooks.rotateSecret.useMutation({
    onSuccess: async ({ secret }) => {
      setRotating(false);
      setRotated(secret);
      await refresh();
    },
    onError: failed,
  });
  const remove = trpc.webhooks.delete.useMutation({
    onSuccess: async () => {
      toast.success('Endpoint deleted');
      await utils.webhooks.list.invalidate();
      navigate('/developer/webhooks');
    },
    onError: failed,
  });

  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        meta={<Badge tone={state.tone}>{state.label}</Badge>}
        description={<span className="webhook-url">{endpoint.url}</span>}
        actions={
          <>
            <Button
              variant="primary"
              onClick={() => sendTest.mutate({ id: endpoint.id })}
              pending={sendTest.isPending}
              disabled={!endpoint.enabled}
            >
              Send test event
            </Button>
            <Button onClick={() => setEditing(true)}>Edit</Button>
          </>
        }
      />
      {!endpoint.enabled && (
        <div className={`banner ${state.tone === 'danger' ? 'banner-danger' : 'banner-warning'}`} role="status">
          <p className="banner-title">
            Disabled{endpoint.disabled_at ? ` on ${formatDateTime(endpoint.disabled_at)}` : ''}: nothing is sent to it
          </p>
          {state.why} Enable it to receive new events; replay any delivery below to send what it missed.
        </div>
      )}
      <section className="card webhook-settings" aria-labelledby="webhook-settings-title">
        <h2 id="webhook-settings-title" className="section-title">
          Settings
        </h2>
        <dl className="webhook-facts">
          <div>
            <dt>Events</dt>
            <dd>
              <ul className="chips">
                {describeEventTypes(endpoint.event_types).map((type) => (
                  <li key={type} className="chip">
                    {type}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>Description</dt>
            <dd>{endpoint.description || '—'}</dd>
          </div>
          <div>
            <dt>Signing secret</dt>
            <dd>
              {endpoint.previous_secret_expires_at
                ? `Rotated: the previous secret also signs until ${formatDateTime(endpoint.previous_secret_expires_at)}`
                : 'Shown once, when it was made'}
            </dd>
          </div>
          <div>
            <dt>Added</dt>
            <dd>{formatDateTime(endpoint.created_at)}</dd>
          </div>
        </dl>
        <div className="webhook-setting-actions">
          <Button
            onClick={() => toggle.mutate({ id: endpoint.id, enabled: !endpoint.enabled })}
            pending={toggle.isPending}
          >
            {endpoint.enabled ? 'Disable' : 'Enable'}
          </Button>
          <Button onClick={() => setRotating(true)}>Rotate secret</Button>
          <Button className="text-danger" variant="ghost" onClick={() => setDeleting(true)}>
            Delete endpoint
          </Button>
        </div>
      </section>
      <DeliveryLog endpoint={endpoint} />

      <EndpointDialog open={editing} endpoint={endpoint} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={rotating}
        title="Rotate signing secret"
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        onConfirm={() => rotate.mutate({ id: endpoint.id })}
        onClose={() => setRotating(false)}
      >
        A new secret signs every webhook from now on. For 24 hours the current one signs too, so your receiver keeps
        working while you switch it over.
      </ConfirmDialog>
      <Dialog
        open={rotated !== undefined}
        onClose={() => setRotated(undefined)}
        title="Your new signing secret"
        size="lg"
      >
        {rotated && (
          <SecretShown
            secret={rotated}
            url={endpoint.url}
            note="The previous secret keeps signing beside it for 24 hours."
            onDone={() => setRotated(undefined)}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting}
        title="Delete endpoint"
        confirmLabel="Delete endpoint"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ id: endpoint.id })}
        onClose={() => setDeleting(false)}
      >
        Delete <strong>{endpoint.url}</strong>? Nothing more is sent to it, and its delivery log is deleted with it.
      </ConfirmDialog>
    </>
  );
}
