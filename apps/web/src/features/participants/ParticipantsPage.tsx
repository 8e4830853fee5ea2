import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ListPage } from '../../ui/ListPage.tsx';
import { useCan } from '../account/use-account.ts';
import { BulkActionDialog } from '../bulk/BulkActionDialog.tsx';
import { SelectionBar } from '../bulk/SelectionBar.tsx';
import { type Selection, useSelection } from '../bulk/use-selection.ts';
import { AddParticipantDialog } from './AddParticipantDialog.tsx';
import { BulkImportDialog } from './BulkImportDialog.tsx';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { NoParticipantsYet } from './NoParticipantsYet.tsx';
import { ParticipantFilters } from './ParticipantFilters.tsx';
import { ParticipantTable } from './ParticipantTable.tsx';
import { useTemplateStages } from './use-participant-data.ts';
import { useParticipantFilters } from './use-participant-filters.ts';

const PAGE_SIZE = 50;

type ListFilters = ReturnType<typeof useParticipantFilters>['query'];

/**
 * "Load more" over the list's cursor: one `participants.list` query per page loaded, each with the
 * previous page's `next_cursor`. (tRPC's useInfiniteQuery adds a `direction` key to the input, which
 * the strict ListParticipantsInput refuses.) New filters start again from the first page.
 */
function useParticipantPages(filters: ListFilters) {
  const key = JSON.stringify(filters);
  const [pages, setPages] = useState<{ key: string; cursors: (string | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = pages.key === key ? pages.cursors : [undefined];
  const queries = trpc.useQueries((t) =>
    cursors.map((cursor) =>
      t.participants.list(
        { ...filters, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        { placeholderData: keepPreviousData },
      ),
    ),
  );
  const first = queries[0];
  const last = queries.at(-1);
  const nextCursor = last?.data?.next_cursor ?? null;
  return {
    data: queries.flatMap((q) => q.data?.items ?? []),
    isPending: first?.isPending ?? true,
    isError: first?.isError ?? false,
    error: first?.error,
    refetch: () => void first?.refetch(),
    hasNextPage: nextCursor !== null,
    isFetchingNextPage: queries.length > 1 && (last?.isPending ?? false),
    fetchNextPage: () => {
      if (nextCursor) setPages({ key, cursors: [...cursors, nextCursor] });
    },
  };
}

export default function ParticipantsPage() {
  const filters = useParticipantFilters();
  const canManage = useCan('admin');
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const templates = trpc.templates.list.useQuery({ status: 'all' });
  const query = useParticipantPages(filters.query);
  const names = useTemplateStages(query.data.map((r) => r.evaluation_template_id));
  const noTemplates = templates.data?.length === 0;
  // Admins pick people for a bulk action; a new filter starts a new selection.
  const selection = useSelection(JSON.stringify(filters.query));
  const [acting, setActing] = useState<Selection | null>(null);
  const shown = query.data.map((r) => r.id);
  const allShown = shown.length > 0 && shown.every((id) => selection.isSelected(id));
  // Only asked once every row shown is picked and more rows match than are loaded.
  const matching = trpc.participants.count.useQuery(filters.query, {
    enabled: canManage && allShown && query.hasNextPage,
  });
  const moreMatching = allShown && query.hasNextPage && matching.data ? matching.data.count : null;

  return (
    <>
      <ListPage
        title="Participants"
        description="Everyone in an evaluation: where they stand, their latest score and what happens next."
        actions={
          <>
            <ExportCsvButton filters={filters.query} />
            {canManage && (
              <>
                <Button onClick={() => setDialog('import')} disabled={noTemplates}>
                  Import CSV or JSON
                </Button>
                <Button variant="primary" onClick={() => setDialog('add')} disabled={noTemplates}>
                  Add participant
                </Button>
              </>
            )}
          </>
        }
        toolbar={<ParticipantFilters filters={filters} />}
        query={query}
        loading="Loading participants"
        filters={filters}
        noMatch={{
          title: 'No participants match',
          text: 'Try another name, template, stage or status, or clear the filters to see everyone.',
        }}
        empty={
          noTemplates ? (
            <EmptyState
              title="No participants yet"
              action={
                <LinkButton variant="primary" to="/templates">
                  Go to Evaluation Templates
                </LinkButton>
              }
            >
              Participants go through the stages of an evaluation template. Create a template and its stages first, then
              add people to it here.
            </EmptyState>
          ) : (
            <NoParticipantsYet
              canManage={canManage}
              onAdd={() => setDialog('add')}
              onImport={() => setDialog('import')}
            >
              {canManage
                ? 'Add someone, or import a CSV or JSON list: each person starts at the first active stage of the template you pick.'
                : 'Participants appear here once an admin adds them to a template.'}
            </NoParticipantsYet>
          )
        }
      >
        {(rows) => (
          <div className="stack-md">
            <ParticipantTable rows={rows} names={names} selection={canManage ? selection : undefined} />
            <div className="list-footer">
              <span className="muted">
                Showing {plural(rows.length, 'participant')}
                {query.hasNextPage ? '' : filters.filtered ? ' (all that match)' : ' (all)'}
              </span>
              {query.hasNextPage && (
                <Button onClick={query.fetchNextPage} pending={query.isFetchingNextPage}>
                  Load more
                </Button>
              )}
            </div>
          </div>
        )}
      </ListPage>
      {canManage && (
        <SelectionBar
          selection={selection}
          moreMatching={moreMatching}
          scopeWords={filters.filtered ? 'matching the filters' : 'in the list'}
          onSelectMatching={() => moreMatching !== null && selection.selectMatching(filters.query, moreMatching)}
          onAct={() => setActing(selection.selection)}
        />
      )}
      <BulkActionDialog selection={acting} onClose={() => setActing(null)} onStarted={selection.clear} />
      <AddParticipantDialog
        open={dialog === 'add'}
        onClose={() => setDialog(null)}
        templateId={filters.template || undefined}
      />
      <BulkImportDialog
        open={dialog === 'import'}
        onClose={() => setDialog(null)}
        templateId={filters.template || undefined}
      />
    </>
  );
}
