import type { ReactNode } from 'react';
import { readServerError } from '../lib/server-errors.ts';
import { ErrorState } from './ErrorState.tsx';
import { LoadingState } from './LoadingState.tsx';

/** What the gate reads of a query: a TanStack Query result, or anything shaped like one. */
export interface GateQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
  /** A fetch is under way (a retry after the error, for instance). */
  isFetching?: boolean;
}

interface QueryGateProps<T> {
  query: GateQuery<T>;
  /** What the spinner says, e.g. "Loading template". */
  loading: string;
  /** Shown instead of the error when the record is not there (or the id in the link is not one). */
  notFound?: ReactNode;
  /** The error's heading: what could not be loaded. Default: from `loading` ("Loading the board" → "Could not load the board"). */
  failed?: string;
  children: (data: T) => ReactNode;
}

/**
 * Everything that waits for a query: a skeleton while it loads, what happened and Retry when it fails
 * (ErrorState), `notFound` when what the link names does not exist; then the children, with the data.
 */
export function QueryGate<T>({ query, loading, notFound, failed, children }: QueryGateProps<T>) {
  if (query.isPending) return <LoadingState label={loading} />;
  if (query.isError) {
    const { code } = readServerError(query.error);
    if (notFound && (code === 'NOT_FOUND' || code === 'BAD_REQUEST')) return notFound;
    return (
      <ErrorState
        error={query.error}
        title={failed ?? loading.replace(/^Loading\b/, 'Could not load')}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  if (query.data === undefined) return null;
  return children(query.data);
}

/** Two queries behind one gate: loading until both are in, and the first one's error when either fails. */
export function joinQueries<A, B>(first: GateQuery<A>, second: GateQuery<B>): GateQuery<[A, B]> {
  const failed = first.isError ? first : second;
  return {
    isPending: first.isPending || second.isPending,
    isError: first.isError || second.isError,
    error: failed.error,
    data: first.data !== undefined && second.data !== undefined ? [first.data, second.data] : undefined,
    refetch: () => failed.refetch(),
    isFetching: Boolean(first.isFetching || second.isFetching),
  };
}
