import type { Role } from '@stageflow/domain';
import type { ApiKeyScope } from './scopes.ts';

/** Who is calling, as established from the request (a session cookie or an `x-api-key`). */
export type Principal =
  | {
      readonly kind: 'user';
      readonly userId: string;
      /** The session's active workspace and the user's role there; null before they join one. */
      readonly workspaceId: string | null;
      readonly role: Role | null;
    }
  | {
      readonly kind: 'api_key';
      readonly keyId: string;
      readonly workspaceId: string;
      readonly scopes: readonly ApiKeyScope[];
    };

export const actorOf = (p: Principal) => (p.kind === 'user' ? `user:${p.userId}` : `api_key:${p.keyId}`);
