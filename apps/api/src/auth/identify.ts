import type { Repositories } from '@stageflow/db';
import type { Auth } from './better-auth.ts';
import type { Principal } from './principal.ts';
import { isRole } from './roles.ts';

/** Resolves an `x-api-key` to its principal; null for an unknown, revoked or expired key. */
export type ApiKeyResolver = (key: string) => Principal | null;

/**
 * Who a request comes from: an `x-api-key` header (scripts and integrations) or else the
 * better-auth session cookie (the dashboard), with the member's role in the active workspace.
 */
export function createIdentify(auth: Auth, repos: Repositories, resolveApiKey: ApiKeyResolver = () => null) {
  return async (req: Request): Promise<Principal | null> => {
    const apiKey = req.headers.get('x-api-key');
    if (apiKey) return resolveApiKey(apiKey);
    const session = await auth.api.getSession({ headers: req.headers });
    if (!session) return null;
    const workspaceId = session.session.activeOrganizationId ?? null;
    const role = workspaceId ? repos.members.roleOf(workspaceId, session.user.id) : undefined;
    return {
      kind: 'user',
      userId: session.user.id,
      workspaceId: isRole(role) ? workspaceId : null,
      role: isRole(role) ? role : null,
    };
  };
}
