import { API_KEY_SCOPES, type ApiKeyScope, type ApiKeyScopeChoice } from '@stageflow/domain';
import type { RouterOutputs } from '../../app/trpc.ts';
import type { BadgeTone } from '../../ui/Badge.tsx';

export type ApiKey = RouterOutputs['apiKeys']['list'][number];
export type ApiKeyStatus = ApiKey['status'];

/** The create form's values: the server's CreateApiKeyInput, `all` included. */
export interface ApiKeyFormValues {
  name: string;
  scopes: ApiKeyScopeChoice[];
}
export const newApiKeyValues = (): ApiKeyFormValues => ({ name: '', scopes: [] });

export const SCOPE_ACTIONS = ['read', 'write', 'delete'] as const;
export type ScopeAction = (typeof SCOPE_ACTIONS)[number];

const RESOURCE_LABELS: Record<string, string> = {
  agent_profiles: 'Agent profiles',
  evaluation_templates: 'Evaluation templates',
  evaluation_stages: 'Evaluation stages',
  participants: 'Participants',
  sessions: 'Sessions',
  decisions: 'Decisions',
  events: 'Events',
  portal_links: 'Portal links',
  portal_notice: 'Portal notice',
  interviewer_model: 'Interviewer model',
  // Recording answers only: reading the figures is never a key's (docs/surfaces.md#roles-and-scopes).
  demographics: 'Self-identification',
  webhooks: 'Webhooks',
};

export interface ScopeGroup {
  resource: string;
  label: string;
  /** The scope for each action the resource has (participants can also be deleted; events only read). */
  actions: Partial<Record<ScopeAction, ApiKeyScope>>;
}

/** The scopes as a table: one row per resource, one column per action, in the server's order. */
export const SCOPE_GROUPS: readonly ScopeGroup[] = API_KEY_SCOPES.reduce<ScopeGroup[]>((groups, scope) => {
  const [resource = scope, action] = scope.split('.') as [string, ScopeAction];
  let group = groups.find((g) => g.resource === resource);
  if (!group) {
    group = { resource, label: RESOURCE_LABELS[resource] ?? resource, actions: {} };
    groups.push(group);
  }
  group.actions[action] = scope;
  return groups;
}, []);

/** "Participants: write". */
export function scopeLabel(scope: string): string {
  const [resource = scope, action = ''] = scope.split('.');
  return `${RESOURCE_LABELS[resource] ?? resource}: ${action}`;
}

/** What a key may do, in short: "All scopes", or each scope by name. */
export function describeScopes(scopes: readonly string[]): string[] {
  if (API_KEY_SCOPES.every((s) => scopes.includes(s))) return ['All scopes'];
  return scopes.map(scopeLabel);
}

/** Checking or unchecking one scope; `all` stands alone (it already means every scope). */
export function toggleScope(
  current: readonly ApiKeyScopeChoice[],
  scope: ApiKeyScopeChoice,
  checked: boolean,
): ApiKeyScopeChoice[] {
  if (scope === 'all') return checked ? ['all'] : [];
  const without = current.filter((s) => s !== scope && s !== 'all');
  return checked ? API_KEY_SCOPES.filter((s) => s === scope || without.includes(s)) : without;
}

export const STATUS_BADGES: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  expiring: { label: 'Rolled', tone: 'warning' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

/** Keys that still work can be rolled and revoked; expired and revoked ones are history. */
export const isUsable = (key: Pick<ApiKey, 'status'>) => key.status === 'active' || key.status === 'expiring';

/** How long a rolled key keeps working, as the roll dialog offers it. */
export const GRACE_PERIODS = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '24 hours' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
  { hours: 0, label: 'Stop it now' },
] as const;

/** Who made a key, for people: a member's name, "the CLI", or nothing when unknown. */
export function creatorName(createdBy: string, members: readonly { user_id: string; name: string }[]) {
  if (createdBy === 'cli') return 'the CLI';
  const userId = createdBy.startsWith('user:') ? createdBy.slice('user:'.length) : undefined;
  return members.find((m) => m.user_id === userId)?.name;
}
