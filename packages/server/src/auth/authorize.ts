import { hasRole } from '@stageflow/domain';
import type { Principal } from './principal.ts';
import { isApiKeyScope, roleFor, type Scope } from './scopes.ts';

export type Authorization =
  | { readonly ok: true; readonly workspaceId: string }
  | { readonly ok: false; readonly code: 'UNAUTHORIZED' | 'FORBIDDEN'; readonly message: string };

/** Whether a caller may use a procedure that declares `scope`: one rule for tRPC and REST alike. */
export function authorize(principal: Principal | null, scope: Scope): Authorization {
  if (!principal) {
    return { ok: false, code: 'UNAUTHORIZED', message: 'Sign in, or send an API key in the x-api-key header' };
  }
  if (principal.kind === 'api_key') {
    if (!isApiKeyScope(scope)) {
      return {
        ok: false,
        code: 'FORBIDDEN',
        message: 'API keys cannot manage the workspace: sign in as an owner or admin',
      };
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
  if (!hasRole(principal.role, required)) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: `Your role (${principal.role}) cannot do this: it needs ${required} or above`,
    };
  }
  return { ok: true, workspaceId: principal.workspaceId };
}
