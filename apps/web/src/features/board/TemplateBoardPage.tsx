import { keepPreviousData } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { trpc } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';
import { useUrlSearch } from '../../lib/use-url-search.ts';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ToolbarSearch } from '../../ui/ListToolbar.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { joinQueries, QueryGate } from '../../ui/QueryGate.tsx';
import { useCan } from '../account/use-account.ts';
import { BulkActionDialog } from '../bulk/BulkActionDialog.tsx';
import { SelectionBar } from '../bulk/SelectionBar.tsx';
import { type Selection, shownState, useSelection } from '../bulk/use-selection.ts';
import { AddParticipantDialog } from '../participants/AddParticipantDialog.tsx';
import { BulkImportDialog } from '../participants/BulkImportDialog.tsx';
import { NoParticipantsYet } from '../participants/NoParticipantsYet.tsx';
import { NoteDialog } from '../participants/NoteDialog.tsx';
import { TemplateNotFound } from '../templates/TemplateNotFound.tsx';
import { BoardLanes, type Column } from './BoardLanes.tsx';
import { useBoardDrop } from './use-board-drop.ts';

const PER_COLUMN = 50;

type Search = ReturnType<typeof useUrlSearch>;

export default function TemplateBoardPage() {
  const { templateId = '' } = useParams();
  const search = useUrlSearch();
  const template = trpc.templates.byId.useQuery({ id: templateId });
  // The last board stays up while a new search loads, so the search box is never swapped for a skeleton.
  const board = trpc.participants.board.useQuery(
    {
      evaluation_template_id: templateId,
      per_column: PER_COLUMN,
      ...(search.applied ? { search: search.applied } : {}),
    },
    { placeholderData: keepPreviousData },
  );

  return (
    <QueryGate query={joinQueries(board, template)} loading="Loading the board" notFound={<TemplateNotFound />}>
      {([{ columns }, { template_name }]) => (
        <Board columns={columns} templateId={templateId} templateName={template_name} search={search} />
      )}
    </QueryGate>
  );
}

function Board({
  columns,
  templateId,
  templateName,
  search,
}: {
  columns: Column[];
  templateId: string;
  templateName: string;
  search: Search;
}) {
  const canManage = useCan('admin');
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const total = columns.reduce((n, c) => n + c.count, 0);
  const stageColumns = columns.filter((c) => c.stage_id !== null);
  // Picking people for a bulk action; another search starts a new selection.
  const selection = useSelection(`${templateId}|${search.applied}`);
  const [acting, setActing] = useState<Selection | null>(null);
  const shown = columns.flatMap((c) => c.cards.map((card) => card.id));
  const allShown = shownState(selection, shown) === true;
  const boardFilter = { evaluation_template_id: templateId, ...(search.applied ? { search: search.applied } : {}) };
  const drop = useBoardDrop(columns);
  const selectAllId = useId();

  return (
    <>
      <PageHeader
        title={`${templateName}: participants`}
        description={
          search.applied
            ? `${plural(total, 'participant')} whose name or email holds “${search.applied}”.`
            : `${plural(total, 'participant')} across ${plural(stageColumns.length, 'active stage')}. Open a card to see the person’s timeline and act${canManage ? ', or drag it by its handle to the next stage or to Rejected' : ''}.`
        }
        actions={
          <>
            <LinkButton
              to={`/participants?template=${templateId}${search.applied ? `&q=${encodeURIComponent(search.applied)}` : ''}`}
            >
              Open as a list
            </LinkButton>
            {canManage && (
              <>
                <Button onClick={() => setDialog('import')}>Import</Button>
                <Button variant="primary" onClick={() => setDialog('add')}>
                  Add participant
                </Button>
              </>
            )}
          </>
        }
      />
      <search className="toolbar">
        <ToolbarSearch
          label="Search the board"
          placeholder="Search by name or email…"
          value={search.text}
          onChange={search.setText}
        />
        {canManage && shown.length > 0 && (
          <span className="checkbox-row board-select-all">
            <Checkbox
              id={selectAllId}
              checked={shownState(selection, shown)}
              onChange={(e) => selection.setShown(shown, e.target.checked)}
            />
            <label htmlFor={selectAllId}>Select everyone shown</label>
          </span>
        )}
      </search>
      {stageColumns.length === 0 ? (
        <EmptyState
          title="This template has no active stages"
          action={
            <LinkButton variant="primary" to={`/templates/${templateId}`}>
              Go to the stages
            </LinkButton>
          }
        >
          Participants move through active stages. Add a stage, or set a draft one to active, on the template page.
        </EmptyState>
      ) : (
        <>
          {total === 0 && search.applied && (
            <EmptyState
              title="Nobody matches"
              action={<Button onClick={() => search.setText('')}>Clear search</Button>}
            >
              No one on this board has “{search.applied}” in their name or email.
            </EmptyState>
          )}
          {total === 0 && !search.applied && (
            <NoParticipantsYet
              canManage={canManage}
              onAdd={() => setDialog('add')}
              onImport={() => setDialog('import')}
            >
              Everyone added to this template starts in the first column and moves right as they pass.
            </NoParticipantsYet>
          )}
          <BoardLanes
            columns={columns}
            templateId={templateId}
            search={search.applied}
            manage={canManage ? { selection, shown, onDrop: drop.onDrop } : undefined}
          />
        </>
      )}
      {canManage && (
        <SelectionBar
          selection={selection}
          moreMatching={allShown && total > shown.length ? total : null}
          scopeWords={search.applied ? 'matching the search' : 'on this board'}
          onSelectMatching={() => selection.selectMatching(boardFilter, total)}
          onAct={() => setActing(selection.selection)}
        />
      )}
      <BulkActionDialog selection={acting} onClose={() => setActing(null)} onStarted={selection.clear} />
      <NoteDialog request={drop.request} pending={drop.pending} onClose={drop.close} onSubmit={drop.submit} />
      <AddParticipantDialog open={dialog === 'add'} onClose={() => setDialog(null)} templateId={templateId} />
      <BulkImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} templateId={templateId} />
    </>
  );
}
