import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { showRefusal } from '../../app/use-server-error.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { useAccount, useCan } from '../account/use-account.ts';
import { type ApiKey, creatorName, describeScopes, isUsable, STATUS_BADGES } from './api-keys.ts';
import { CreateApiKeyDialog } from './CreateApiKeyDialog.tsx';
import { RollApiKeyDialog } from './RollApiKeyDialog.tsx';
import './developer.css';

/**
 * Developer → API keys: keys for scripts and integrations, each with its scopes. Owners and admins
 * create, roll and revoke them; a key itself is shown only once, when it is made.
 */
export default function ApiKeysPage() {
  const canManage = useCan('admin');
  const { active_workspace } = useAccount();
  const [creating, setCreating] = useState(false);
  const workspaceName = active_workspace?.name ?? 'this workspace';

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let scripts and integrations use {workspaceName} through the API (REST and tRPC), sent in the{' '}
            <code>x-api-key</code> header. The <Link to="/developer/api-docs">API docs</Link> describe every endpoint.
          </>
        }
        actions={
          canManage && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              Create API key
            </Button>
          )
        }
      />
      {canManage ? (
        <ApiKeyList onCreate={() => setCreating(true)} />
      ) : (
        <EmptyState title="API keys are managed by admins">
          Owners and admins of {workspaceName} create and revoke API keys. Ask one of them for a key with the scopes
          your script needs.
        </EmptyState>
      )}
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function ApiKeyList({ onCreate }: { onCreate: () => void }) {
  const query = trpc.apiKeys.list.useQuery();
  // Only to name who made each key; the list works without it.
  const members = trpc.account.members.useQuery(undefined, { staleTime: 60_000 });
  const [rolling, setRolling] = useState<ApiKey>();
  const [revoking, setRevoking] = useState<ApiKey>();
  const utils = trpc.useUtils();
  const revoke = trpc.apiKeys.revoke.useMutation({
    onSuccess: (key) => {
      toast.success(`Revoked “${key.name}” (${key.prefix}…)`);
      setRevoking(undefined);
    },
    onError: (error) => showRefusal(readServerError(error).message),
    onSettled: () => utils.apiKeys.list.invalidate(),
  });

  return (
    <QueryGate query={query} loading="Loading API keys">
      {(keys) =>
        keys.length === 0 ? (
          <EmptyState
            title="No API keys yet"
            action={
              <Button variant="primary" onClick={onCreate}>
                Create your first key
              </Button>
            }
          >
            Create a key for each script or integration, with only the scopes it needs. You see the key once, when it is
            made; after that Stageflow shows only its first characters.
          </EmptyState>
        ) : (
          <>
            <DataTable
              rows={keys}
              className="api-keys-table"
              rowKey={(key) => key.id}
              rowClassName={(key) => (isUsable(key) ? undefined : 'api-key-retired')}
              columns={[
                {
                  header: 'Key',
                  rowHeader: true,
                  cell: (key) => (
                    <>
                      {key.name}
                      <code className="key-prefix">{key.prefix}…</code>
                    </>
                  ),
                },
                {
                  header: 'Scopes',
                  cell: (key) => (
                    <ul className="chips" aria-label={`Scopes of ${key.name}`}>
                      {describeScopes(key.scopes).map((scope) => (
                        <li key={scope} className="chip">
                          {scope}
                        </li>
                      ))}
                    </ul>
                  ),
                },
                {
                  header: 'Created',
                  className: 'nowrap',
                  cell: (key) => {
                    const by = creatorName(key.created_by, members.data?.members ?? []);
                    return (
                      <>
                        {formatDate(key.created_at)}
                        {by && <span className="row-sub">by {by}</span>}
                      </>
                    );
                  },
                },
                {
                  header: 'Last used',
                  className: 'nowrap',
                  cell: (key) => (key.last_used_at ? formatDateTime(key.last_used_at) : 'Never'),
                },
                {
                  header: 'Status',
                  cell: (key) => (
                    <>
                      <Badge tone={STATUS_BADGES[key.status].tone}>{STATUS_BADGES[key.status].label}</Badge>
                      <StatusDetail apiKey={key} />
                    </>
                  ),
                },
                {
                  header: 'Actions',
                  hiddenHeader: true,
                  className: 'cell-actions',
                  cell: (key) =>
                    isUsable(key) && (
                      <>
                        <Button size="sm" variant="ghost" onClick={() => setRolling(key)}>
                          Roll
                        </Button>
                        <Button size="sm" variant="ghost" className="text-danger" onClick={() => setRevoking(key)}>
                          Revoke
                        </Button>
                      </>
                    ),
                },
              ]}
            />
            <RollApiKeyDialog apiKey={rolling} onClose={() => setRolling(undefined)} />
            <ConfirmDialog
              open={revoking !== undefined}
              title="Revoke API key"
              confirmLabel="Revoke key"
              pending={revoke.isPending}
              onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
              onClose={() => setRevoking(undefined)}
            >
              Revoke <strong>{revoking?.name}</strong> (<code>{revoking?.prefix}…</code>)? Every request with it is
              refused from now on. This cannot be undone: create a new key if a script still needs access.
            </ConfirmDialog>
          </>
        )
      }
    </QueryGate>
  );
}

/** When a rolled key stops, or since when a key no longer works. */
function StatusDetail({ apiKey }: { apiKey: ApiKey }) {
  if (apiKey.status === 'expiring' && apiKey.expires_at) {
    return <span className="key-status-detail">works until {formatDateTime(apiKey.expires_at)}</span>;
  }
  if (apiKey.status === 'expired' && apiKey.expires_at) {
    return <span className="key-status-detail">since {formatDateTime(apiKey.expires_at)}</span>;
  }
  if (apiKey.status === 'revoked' && apiKey.revoked_at) {
    return <span className="key-status-detail">since {formatDateTime(apiKey.revoked_at)}</span>;
  }
  return null;
}
