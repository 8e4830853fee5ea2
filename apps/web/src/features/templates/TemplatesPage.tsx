import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '../../app/trpc.ts';
import { useListFilters } from '../../lib/use-list-filters.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ListPage } from '../../ui/ListPage.tsx';
import { ListToolbar } from '../../ui/ListToolbar.tsx';
import { useCan } from '../account/use-account.ts';
import { CreateTemplateDialog } from './CreateTemplateDialog.tsx';
import { TemplateTable } from './TemplateTable.tsx';

const STATUS_OPTIONS = [
  { value: 'all', label: 'All statuses' },
  { value: 'active', label: 'Active' },
  { value: 'draft', label: 'Draft' },
  { value: 'archived', label: 'Archived' },
] as const;

export default function TemplatesPage() {
  const filters = useListFilters(
    STATUS_OPTIONS.map((o) => o.value),
    'all',
  );
  const [creating, setCreating] = useState(false);
  // Reviewers and viewers read; the server would refuse them a new template, so they get no button.
  const canCreate = useCan('admin');
  const query = trpc.templates.list.useQuery(filters.query, { placeholderData: keepPreviousData });
  const openCreate = () => setCreating(true);

  return (
    <>
      <ListPage
        title="Evaluation Templates"
        description="Each template is a journey, a role or a programme, made of ordered stages."
        actions={
          canCreate && (
            <Button variant="primary" onClick={openCreate}>
              New template
            </Button>
          )
        }
        toolbar={<ListToolbar searchLabel="Search templates" filters={filters} statusOptions={STATUS_OPTIONS} />}
        query={query}
        loading="Loading templates"
        filters={filters}
        noMatch={{
          title: 'No templates match',
          text: 'Try another search word or status, or clear the filters to see every template.',
        }}
        empty={
          <EmptyState
            title="No evaluation templates yet"
            action={
              canCreate && (
                <Button variant="primary" onClick={openCreate}>
                  Create your first template
                </Button>
              )
            }
          >
            {canCreate
              ? 'Create a template for a role or programme, then add its stages: a phone screen, a technical round, a final review.'
              : 'Templates appear here once an admin creates them.'}
          </EmptyState>
        }
      >
        {(templates) => <TemplateTable templates={templates} />}
      </ListPage>
      <CreateTemplateDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
