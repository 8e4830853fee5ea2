import { useSearchParams } from 'react-router';

/** The page's question, kept in the address so it can be shared and survives a reload. */
export interface AnalyticsFilters {
  template: string;
  from: string;
  to: string;
  tag: string;
}

export function useAnalyticsFilters() {
  const [params, setParams] = useSearchParams();
  const filters: AnalyticsFilters = {
    template: params.get('template') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    tag: params.get('tag') ?? '',
  };
  const set = (patch: Partial<AnalyticsFilters>) => {
    const next = { ...filters, ...patch };
    // Another template has other tags: the tag picked for the last one would match nobody.
    if (patch.template !== undefined && patch.template !== filters.template) next.tag = '';
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== '')), { replace: true });
  };
  /** The query's input: empty fields left out. */
  const input = {
    evaluation_template_id: filters.template,
    ...(filters.from && { from: filters.from }),
    ...(filters.to && { to: filters.to }),
    ...(filters.tag && { tag: filters.tag }),
  };
  return { filters, set, input };
}
