import { organizationClient } from 'better-auth/client/plugins';
import { adminAc, memberAc, ownerAc } from 'better-auth/plugins/organization/access';
import { createAuthClient } from 'better-auth/react';

/**
 * better-auth's client, for what tRPC does not do: signing up, in and out, and workspaces (its
 * organizations) with their members and invitations. The server mounts it at /api/auth on the
 * same origin. The header marks requests as the app's own, like the tRPC link's.
 */
export const authClient = createAuthClient({
  baseURL: window.location.origin,
  basePath: '/api/auth',
  fetchOptions: { headers: { 'x-stageflow-client': 'web' } },
  // The server's four roles (packages/server/src/auth/roles.ts), so role arguments are typed.
  plugins: [organizationClient({ roles: { owner: ownerAc, admin: adminAc, reviewer: memberAc, viewer: memberAc } })],
});

/** What every better-auth client call answers: data, or an error with the server's message. */
interface AuthResult<T> {
  data: T | null;
  error: { message?: string | undefined; code?: string | undefined; status: number; statusText: string } | null;
}

/** A refused better-auth call, with the server's words and code. */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Turns better-auth's `{ data, error }` into a value or a thrown AuthError, for TanStack mutations. */
export async function unwrapAuth<T>(call: Promise<AuthResult<T>>): Promise<T> {
  const { data, error } = await call;
  if (error)
    throw new AuthError(
      error.message || error.statusText || `Request failed (${error.status})`,
      error.code,
      error.status,
    );
  return data as T;
}
