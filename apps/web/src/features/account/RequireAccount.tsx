import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { withNext } from '../../lib/next-path.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/LoadingState.tsx';
import { useMeQuery } from './use-account.ts';

/**
 * The app shell's guard: its pages need a signed-in member of a workspace. Signed out (or signed
 * out since, when any request answers 401) goes to sign-in and comes back here afterwards; a
 * person without a workspace goes to create one.
 */
export function RequireAccount({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isError && readServerError(me.error).code === 'UNAUTHORIZED') {
    return <Navigate to={withNext('/sign-in', `${location.pathname}${location.search}`)} replace />;
  }
  if (me.data) {
    if (!me.data.active_workspace) return <Navigate to="/workspaces/new" replace />;
    return children;
  }
  if (me.isError) {
    return (
      <main className="auth-page">
        <ErrorState
          error={me.error}
          title="Could not load your account"
          onRetry={() => void me.refetch()}
          retrying={me.isFetching}
        />
      </main>
    );
  }
  return (
    <main className="auth-page">
      <LoadingState label="Loading your workspace" />
    </main>
  );
}
