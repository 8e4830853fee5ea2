import { API_KEY_SCOPES, type ApiKeyScope, DEMOGRAPHICS_GRANTEE_ROLE, type Role } from '@stageflow/domain';

/** What an API key may be granted (docs/surfaces.md#roles-and-scopes), defined with the inputs that take them in the domain. */
export { API_KEY_SCOPES, type ApiKeyScope } from '@stageflow/domain';

/**
 * Signed-in members only, never an API key: managing the workspace itself; a member's own settings
 * (`mail_preferences.write`, a member's own digest setting, which a key has none of); reading the
 * self-identification figures, which go to a person an owner named, not to a key that outlives the grant
 * (docs/decisions/028-self-identification-and-adverse-impact.md); and `mail.read`, the mail outbox, which holds
 * links that let people in (docs/mail.md#the-outbox): owners only, so an admin cannot reach it through a key.
 */
export const MEMBER_ONLY_SCOPES = [
  'workspace.read',
  'members.write',
  'api_keys.write',
  'demographics.read',
  'demographics.grant',
  'mail.read',
  'mail_preferences.write',
] as const;
export type Scope = ApiKeyScope | (typeof MEMBER_ONLY_SCOPES)[number];

/**
 * Scopes beyond a member's role that an owner grants one member at a time, and the role a member needs
 * for the grant to count: the self-identification figures, to admins (docs/surfaces.md#roles-and-scopes).
 */
export const GRANTABLE_SCOPES: Partial<Record<Scope, Role>> = { 'demographics.read': DEMOGRAPHICS_GRANTEE_ROLE };

export const isApiKeyScope = (scope: string): scope is ApiKeyScope => API_KEY_SCOPES.includes(scope as ApiKeyScope);

/**
 * The least role that carries a scope: viewers read; reviewers also record results and decide;
 * admins (and owners) do everything else, portal links included: a link lets someone in, like
 * enrolling them, so reviewers do not make one (docs/surfaces.md#roles-and-scopes). One table, so a procedure declares only its scope.
 */
export function roleFor(scope: Scope): Role {
  // Self-identification figures: owners, and the admins they grant them to (GRANTABLE_SCOPES).
  if (scope === 'demographics.read' || scope === 'demographics.grant') return 'owner';
  if (scope === 'mail.read') return 'owner';
  if (scope.endsWith('.read')) return 'viewer';
  // The review digest is for those who decide.
  if (scope === 'sessions.write' || scope === 'decisions.write' || scope === 'mail_preferences.write')
    return 'reviewer';
  return 'admin';
}
