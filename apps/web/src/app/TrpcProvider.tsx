import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { httpBatchLink } from '@trpc/client';
import { type ReactNode, useState } from 'react';
import { readServerError } from '../lib/server-errors.ts';
import { trpc } from './trpc.ts';

/** Client errors (bad input, not found, conflicts) will not change on a retry; network blips might. */
function shouldRetry(failureCount: number, error: unknown) {
  const { code } = readServerError(error);
  return failureCount < 2 && (code === 'UNKNOWN' || code === 'INTERNAL_SERVER_ERROR');
}

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 15_000, retry: shouldRetry, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
  );
  // The header marks requests as the app's own: the server refuses cookie-authenticated writes without it.
  const [client] = useState(() =>
    trpc.createClient({ links: [httpBatchLink({ url: '/trpc', headers: { 'x-stageflow-client': 'web' } })] }),
  );
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
