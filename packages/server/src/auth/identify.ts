import type { Reads } from '@stageflow/db';
import { isRole } from '@stageflow/domain';
import type { Auth } from './better-auth.ts';
import type { Principal } from './principal.ts';

/** Credentials that were sent but refused (an unknown, revoked, expired or mistyped API key): a 401 saying why. */
export interface RejectedCredentials {
  readonly kind: 'rejected';
  readonly message: string;
}

/** Who sent a request: a principal, refused credentials, or null when it carried none. */
export type Identity = Principal | RejectedCredentials | null;

/** Resolves an `x-api-key` to its principal, or says why it is refused (see api-keys.ts). */
export type ApiKeyResolver = (key: string) => Promise<Principal | RejectedCredentials>;

/**
 * Who a request comes from: an `x-api-key` header (scripts and integrations) or else the
 * better-auth session cookie (the dashboard), with the member's role in the active workspace.
 */
export function createIdentify(auth: Auth, reads: Reads, resolveApiKey: ApiKeyResolver) {
  const bySession = async (req: Request): Promise<Identity> => {
    const session = await auth.api.getSession({ headers: req.headers });
    if (!session) return null;
    const workspaceId = session.session.activeOrganizationId ?? null;
    const role = workspaceId ? await reads.members.roleOf(workspaceId, session.user.id) : undefined;
    return {
      kind: 'user',
      userId: session.user.id,
      workspaceId: isRole(role) ? workspaceId : null,
      role: isRole(role) ? role : null,
    };
  };
  return (req: Request): Promise<Identity> => {
    const apiKey = req.headers.get('x-api-key');
    return apiKey ? resolveApiKey(apiKey) : bySession(req);
  };
}
