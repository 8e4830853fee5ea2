import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { trpc } from '../../app/trpc.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { useAccount, useCan } from '../account/use-account.ts';
import { EndpointDialog } from './EndpointDialog.tsx';
import { describeEventTypes, disabledByStageflow, endpointState, type WebhookEndpoint } from './webhooks.ts';
import './webhooks.css';

/**
 * Developer → Webhooks: where Stageflow sends what happens in the workspace. Owners and admins add,
 * change and remove endpoints; each endpoint's page has its delivery log (docs/webhooks.md).
 */
export default function WebhooksPage() {
  const canManage = useCan('admin');
  const { active_workspace } = useAccount();
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const workspaceName = active_workspace?.name ?? 'this workspace';

  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Stageflow tells your other systems what happens in {workspaceName} (enrolments, moves, sessions, decisions,
            stage changes) by POSTing signed events to the endpoints you add here.
          </>
        }
        actions={
          canManage && (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add endpoint
            </Button>
          )
        }
      />
      {canManage ? (
        <EndpointList onAdd={() => setAdding(true)} />
      ) : (
        <EmptyState title="Webhooks are managed by admins">
          Owners and admins of {workspaceName} add webhook endpoints. Ask one of them if a system of yours needs to hear
          about changes.
        </EmptyState>
      )}
      <EndpointDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(endpoint) => navigate(`/developer/webhooks/${endpoint.id}`)}
      />
    </>
  );
}

function EndpointList({ onAdd }: { onAdd: () => void }) {
  const query = trpc.webhooks.list.useQuery();
  return (
    <QueryGate query={query} loading="Loading webhook endpoints">
      {(endpoints) =>
        endpoints.length === 0 ? (
          <EmptyState
            title="No webhook endpoints yet"
            action={
              <Button variant="primary" onClick={onAdd}>
                Add your first endpoint
              </Button>
            }
          >
            Add the URL of a system that should hear about changes, and choose the events it receives. Each one is
            signed with a secret only you and Stageflow know.
          </EmptyState>
        ) : (
          <>
            <DisabledBanner endpoints={disabledByStageflow(endpoints)} />
            <ul className="webhook-endpoints" aria-label="Webhook endpoints">
              {endpoints.map((endpoint) => (
                <EndpointCard key={endpoint.id} endpoint={endpoint} />
              ))}
            </ul>
          </>
        )
      }
    </QueryGate>
  );
}

/** What Stageflow turned off by itself, so that an admin notices and turns it on once it is fixed. */
function DisabledBanner({ endpoints }: { endpoints: WebhookEndpoint[] }) {
  if (endpoints.length === 0) return null;
  return (
    <div className="banner banner-danger webhook-banner" role="status">
      <p className="banner-title">
        Stageflow stopped sending to {endpoints.length === 1 ? 'an endpoint' : `${endpoints.length} endpoints`}
      </p>
      <ul className="banner-list">
        {endpoints.map((e) => (
          <li key={e.id}>
            <Link to={`/developer/webhooks/${e.id}`}>{e.url}</Link>: {endpointState(e).why} Fix the receiver, then
            enable it again and replay what it missed.
          </li>
        ))}
      </ul>
    </div>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const state = endpointState(endpoint);
  return (
    <li className="card webhook-endpoint-card">
      <div className="webhook-endpoint-head">
        <Link to={`/developer/webhooks/${endpoint.id}`} className="webhook-url">
          {endpoint.url}
        </Link>
        <Badge tone={state.tone}>{state.label}</Badge>
      </div>
      {endpoint.description && <p className="webhook-description">{endpoint.description}</p>}
      <ul className="chips" aria-label={`Events sent to ${endpoint.url}`}>
        {describeEventTypes(endpoint.event_types).map((type) => (
          <li key={type} className="chip">
            {type}
          </li>
        ))}
      </ul>
      {endpoint.failing_since && endpoint.enabled && (
        <p className="webhook-failing">Failing since {formatDateTime(endpoint.failing_since)}</p>
      )}
    </li>
  );
}
