import { API_KEY_SCOPES, type ApiKeyScope, type Role } from '@stageflow/domain';

/** What an API key may be granted (docs/surfaces.md#roles-and-scopes), defined with the inputs that take them in the domain. */
export { API_KEY_SCOPES, type ApiKeyScope } from '@stageflow/domain';

/**
 * Managing the workspace itself, and a member's own settings: signed-in members only, never an API key.
 * `mail.read` is the mail outbox, which holds links that let people in (docs/mail.md#the-outbox): owners
 * only, so an admin cannot reach it through a key they made; `mail_preferences.write` is a member's own
 * digest setting, which a key (no member) has none of.
 */
export const MEMBER_ONLY_SCOPES = [
  'workspace.read',
  'members.write',
  'api_keys.write',
  'mail.read',
  'mail_preferences.write',
] as const;
export type Scope = ApiKeyScope | (typeof MEMBER_ONLY_SCOPES)[number];

export const isApiKeyScope = (scope: string): scope is ApiKeyScope => API_KEY_SCOPES.includes(scope as ApiKeyScope);

/**
 * The least role that carries a scope: viewers read; reviewers also record results and decide;
 * admins (and owners) do everything else, portal links included: a link lets someone in, like
 * enrolling them, so reviewers do not make one (docs/surfaces.md#roles-and-scopes). One table, so a procedure declares only its scope.
 */
export function roleFor(scope: Scope): Role {
  if (scope === 'mail.read') return 'owner';
  if (scope.endsWith('.read')) return 'viewer';
  // The review digest is for those who decide.
  if (scope === 'sessions.write' || scope === 'decisions.write' || scope === 'mail_preferences.write')
    return 'reviewer';
  return 'admin';
}
