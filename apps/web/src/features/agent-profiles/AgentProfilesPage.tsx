import { keepPreviousData } from '@tanstack/react-query';
import { trpc } from '../../app/trpc.ts';
import { useListFilters } from '../../lib/use-list-filters.ts';
import { LinkButton } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ListPage } from '../../ui/ListPage.tsx';
import { ListToolbar } from '../../ui/ListToolbar.tsx';
import { useCan } from '../account/use-account.ts';
import { AgentProfileTable } from './AgentProfileTable.tsx';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All statuses' },
] as const;

const newProfileLink = (label: string) => (
  <LinkButton variant="primary" to="/agent-profiles/new">
    {label}
  </LinkButton>
);

export default function AgentProfilesPage() {
  const filters = useListFilters(
    STATUS_OPTIONS.map((o) => o.value),
    'active',
  );
  const query = trpc.agentProfiles.list.useQuery(filters.query, { placeholderData: keepPreviousData });
  // Reviewers and viewers read interviewers; only admins create them.
  const canCreate = useCan('admin');

  return (
    <ListPage
      title="Agent Profiles"
      description="Interviewers: each runs AI stages with its own persona, dimensions and scoring."
      actions={canCreate && newProfileLink('New agent profile')}
      toolbar={<ListToolbar searchLabel="Search agent profiles" filters={filters} statusOptions={STATUS_OPTIONS} />}
      query={query}
      loading="Loading agent profiles"
      filters={filters}
      noMatch={{ title: 'No agent profiles match', text: 'Try another search word or status, or clear the filters.' }}
      empty={
        <EmptyState title="No agent profiles yet" action={canCreate && newProfileLink('Create your first interviewer')}>
          An agent profile is the interviewer that runs an AI stage. Create one, then pick it when you add a stage to a
          template.
        </EmptyState>
      }
    >
      {(profiles) => <AgentProfileTable profiles={profiles} />}
    </ListPage>
  );
}
