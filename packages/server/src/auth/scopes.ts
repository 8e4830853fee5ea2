import { API_KEY_SCOPES, type ApiKeyScope, type Role } from '@stageflow/domain';

/** What an API key may be granted (docs/surfaces.md#roles-and-scopes), defined with the inputs that take them in the domain. */
export { API_KEY_SCOPES, type ApiKeyScope } from '@stageflow/domain';

/** Managing the workspace itself: signed-in members only, never an API key. */
export const MEMBER_ONLY_SCOPES = ['workspace.read', 'members.write', 'api_keys.write'] as const;
export type Scope = ApiKeyScope | (typeof MEMBER_ONLY_SCOPES)[number];

export const isApiKeyScope = (scope: string): scope is ApiKeyScope => API_KEY_SCOPES.includes(scope as ApiKeyScope);

/**
 * The least role that carries a scope: viewers read; reviewers also record results and decide;
 * admins (and owners) do everything else, portal links included: a link lets someone in, like
 * enrolling them, so reviewers do not make one (docs/surfaces.md#roles-and-scopes). One table, so a procedure declares only its scope.
 */
export function roleFor(scope: Scope): Role {
  if (scope.endsWith('.read')) return 'viewer';
  if (scope === 'sessions.write' || scope === 'decisions.write') return 'reviewer';
  return 'admin';
}
