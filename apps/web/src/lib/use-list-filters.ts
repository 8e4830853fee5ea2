import { useSearchParams } from 'react-router';
import { useUrlSearch } from './use-url-search.ts';

/**
 * A list's search text and status filter, kept in the URL (?q=…&status=…) so a reload or a shared
 * link shows the same list. `query` is what to send: the search once typing pauses, left out when empty.
 */
export function useListFilters<S extends string>(statuses: readonly S[], fallback: S) {
  const [params, setParams] = useSearchParams();
  const search = useUrlSearch();
  const status = statuses.find((s) => s === params.get('status')) ?? fallback;

  const setStatus = (value: S) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value !== fallback) next.set('status', value);
        else next.delete('status');
        return next;
      },
      { replace: true },
    );

  return {
    search: search.text,
    status,
    query: { status, ...(search.applied ? { search: search.applied } : {}) },
    filtered: search.applied !== '' || status !== fallback,
    setSearch: search.setText,
    setStatus,
    clear: () => setParams({}, { replace: true }),
  };
}
