import type { MaybePromise, Reads } from '@stageflow/db';
import { hasRole } from '@stageflow/domain';
import type { Principal } from './principal.ts';
import { GRANTABLE_SCOPES, isApiKeyScope, roleFor, type Scope } from './scopes.ts';

export type Authorization =
  | { readonly ok: true; readonly workspaceId: string }
  | { readonly ok: false; readonly code: 'UNAUTHORIZED' | 'FORBIDDEN'; readonly message: string };

/** The scopes an owner granted a member beyond their role (`member_grants`); asked only when the role falls short. */
export type GrantsOf = (workspaceId: string, userId: string) => MaybePromise<readonly string[]>;

/** The grants as the engine's reads answer them. */
export const grantsIn =
  (reads: Reads): GrantsOf =>
  (workspaceId, userId) =>
    reads.memberGrants.scopesOf(workspaceId, userId);

/**
 * Whether a caller may use a procedure that declares `scope`: one rule for tRPC and REST alike. A member
 * whose role falls short may still hold a grantable scope an owner granted them, while their role is the
 * one the grant is for (`GRANTABLE_SCOPES`).
 */
export async function authorize(
  principal: Principal | null,
  scope: Scope,
  grantsOf?: GrantsOf,
): Promise<Authorization> {
  if (!principal) {
    return { ok: false, code: 'UNAUTHORIZED', message: 'Sign in, or send an API key in the x-api-key header' };
  }
  if (principal.kind === 'api_key') {
    if (!isApiKeyScope(scope)) {
      const message = GRANTABLE_SCOPES[scope]
        ? `API keys cannot hold ${scope}: sign in as an owner, or as an admin an owner granted it`
        : 'API keys cannot manage the workspace: sign in as an owner or admin';
      return { ok: false, code: 'FORBIDDEN', message };
    }
    if (!principal.scopes.includes(scope)) {
      return { ok: false, code: 'FORBIDDEN', message: `This API key does not have the ${scope} scope` };
    }
    return { ok: true, workspaceId: principal.workspaceId };
  }
  if (!principal.workspaceId || !principal.role) {
    return { ok: false, code: 'FORBIDDEN', message: 'Choose or create a workspace first' };
  }
  const required = roleFor(scope);
  const grantedTo = GRANTABLE_SCOPES[scope];
  if (hasRole(principal.role, required)) return { ok: true, workspaceId: principal.workspaceId };
  if (
    grantedTo &&
    principal.role === grantedTo &&
    (await grantsOf?.(principal.workspaceId, principal.userId))?.includes(scope)
  ) {
    return { ok: true, workspaceId: principal.workspaceId };
  }
  const orGrant = grantedTo ? `, or ${grantedTo} with an owner's grant` : '';
  return {
    ok: false,
    code: 'FORBIDDEN',
    message: `Your role (${principal.role}) cannot do this: it needs ${required} or above${orGrant}`,
  };
}
