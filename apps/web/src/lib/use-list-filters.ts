import { useSearchParams } from 'react-router';
import { useDebouncedValue } from './use-debounced-value.ts';

/**
 * A list's search text and status filter, kept in the URL (?q=…&status=…) so a reload or a shared
 * link shows the same list. `query` is what to send: the search debounced and left out when empty.
 */
export function useListFilters<S extends string>(statuses: readonly S[], fallback: S) {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const status = statuses.find((s) => s === params.get('status')) ?? fallback;
  const debounced = useDebouncedValue(search.trim());

  const set = (key: 'q' | 'status', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value && !(key === 'status' && value === fallback)) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return {
    search,
    status,
    query: { status, ...(debounced ? { search: debounced } : {}) },
    filtered: search.trim() !== '' || status !== fallback,
    setSearch: (value: string) => set('q', value),
    setStatus: (value: S) => set('status', value),
    clear: () => setParams({}, { replace: true }),
  };
}
