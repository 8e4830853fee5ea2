import { type ParticipantStatus, ParticipantStatus as StatusSchema } from '@stageflow/domain';
import { useSearchParams } from 'react-router';
import { useUrlSearch } from '../../lib/use-url-search.ts';

type Key = 'template' | 'stage' | 'status';

/**
 * The participant list's filters, kept in the URL (?template=…&stage=…&status=…&q=…) so a reload or a
 * shared link shows the same list. `query` is what to send: the search once typing pauses, empty filters left out.
 */
export function useParticipantFilters() {
  const [params, setParams] = useSearchParams();
  const search = useUrlSearch();
  const template = params.get('template') ?? '';
  // A stage belongs to a template: without one, a stale stage filter is ignored.
  const stage = template ? (params.get('stage') ?? '') : '';
  const parsedStatus = StatusSchema.safeParse(params.get('status'));
  const status: ParticipantStatus | '' = parsedStatus.success ? parsedStatus.data : '';

  const set = (changes: Partial<Record<Key, string>>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  return {
    search: search.text,
    template,
    stage,
    status,
    query: {
      ...(search.applied ? { search: search.applied } : {}),
      ...(template ? { evaluation_template_id: template } : {}),
      ...(stage ? { stage_id: stage } : {}),
      ...(status ? { status } : {}),
    },
    filtered: search.applied !== '' || template !== '' || status !== '',
    setSearch: search.setText,
    setTemplate: (value: string) => set({ template: value, stage: '' }),
    setStage: (value: string) => set({ stage: value, ...(value ? { status: 'active' } : {}) }),
    setStatus: (value: string) => set({ status: value }),
    clear: () => setParams({}, { replace: true }),
  };
}
