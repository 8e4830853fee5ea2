import type { Role } from './roles.ts';

/** What an API key may be granted (issue 4); tRPC procedures and REST routes each declare one. */
export const API_KEY_SCOPES = [
  'agent_profiles.read',
  'agent_profiles.write',
  'evaluation_templates.read',
  'evaluation_templates.write',
  'evaluation_stages.read',
  'evaluation_stages.write',
  'participants.read',
  'participants.write',
  'participants.delete',
  'sessions.read',
  'sessions.write',
  'decisions.write',
  'events.read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Managing the workspace itself: signed-in members only, never an API key. */
export const MEMBER_ONLY_SCOPES = ['workspace.read', 'members.write', 'api_keys.write'] as const;
export type Scope = ApiKeyScope | (typeof MEMBER_ONLY_SCOPES)[number];

export const isApiKeyScope = (scope: string): scope is ApiKeyScope => API_KEY_SCOPES.includes(scope as ApiKeyScope);

/**
 * The least role that carries a scope: viewers read; reviewers also record results and decide;
 * admins (and owners) do everything else. One table, so a procedure declares only its scope.
 */
export function roleFor(scope: Scope): Role {
  if (scope.endsWith('.read')) return 'viewer';
  if (scope === 'sessions.write' || scope === 'decisions.write') return 'reviewer';
  return 'admin';
}
