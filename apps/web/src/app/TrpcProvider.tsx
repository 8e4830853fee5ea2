import { MAX_CALLS_PER_BATCH } from '@stageflow/domain';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { httpBatchLink } from '@trpc/client';
import { getQueryKey } from '@trpc/react-query';
import { type ReactNode, useState } from 'react';
import { readServerError } from '../lib/server-errors.ts';
import { trpc } from './trpc.ts';

/** Client errors (bad input, not found, conflicts) will not change on a retry; network blips might. */
function shouldRetry(failureCount: number, error: unknown) {
  const { code } = readServerError(error);
  return failureCount < 2 && (code === 'UNKNOWN' || code === 'INTERNAL_SERVER_ERROR');
}

/** The account query's path: it decides where a signed-out person goes (see RequireAccount). */
const isAccountQuery = (queryKey: readonly unknown[]) => {
  const [path] = queryKey;
  return Array.isArray(path) && path.join('.') === 'account.me';
};

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => {
    // A 401 anywhere means the session has ended: refetching the account lets the route guard send
    // the person to sign-in, and back to the same page afterwards.
    const onError = (error: unknown, queryKey: readonly unknown[] = []) => {
      if (readServerError(error).code !== 'UNAUTHORIZED' || isAccountQuery(queryKey)) return;
      void created.invalidateQueries({ queryKey: getQueryKey(trpc.account.me) });
    };
    const created: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
      mutationCache: new MutationCache({ onError: (error) => onError(error) }),
      defaultOptions: {
        queries: { staleTime: 15_000, retry: shouldRetry, refetchOnWindowFocus: false },
        mutations: { retry: false },
      },
    });
    return created;
  });
  // The header marks requests as the app's own: the server refuses cookie-authenticated writes without it.
  // Calls made together share a request, at most as many as the server takes in one batch.
  const [client] = useState(() =>
    trpc.createClient({
      links: [httpBatchLink({ url: '/trpc', maxItems: MAX_CALLS_PER_BATCH, headers: { 'x-stageflow-client': 'web' } })],
    }),
  );
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
