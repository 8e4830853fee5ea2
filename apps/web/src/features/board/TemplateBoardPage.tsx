import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';
import { useUrlSearch } from '../../lib/use-url-search.ts';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ToolbarSearch } from '../../ui/ListToolbar.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { joinQueries, QueryGate } from '../../ui/QueryGate.tsx';
import { useCan } from '../account/use-account.ts';
import { AddParticipantDialog } from '../participants/AddParticipantDialog.tsx';
import { BulkImportDialog } from '../participants/BulkImportDialog.tsx';
import { NoParticipantsYet } from '../participants/NoParticipantsYet.tsx';
import { ParticipantStatusBadge, ScoreAgainstMark, StageStateBadge } from '../participants/ParticipantBadges.tsx';
import { TemplateNotFound } from '../templates/TemplateNotFound.tsx';

type Column = RouterOutputs['participants']['board']['columns'][number];
type Card = Column['cards'][number];

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
  const finishedColumns = columns.filter((c) => c.stage_id === null);

  return (
    <>
      <PageHeader
        title={`${templateName}: participants`}
        description={
          search.applied
            ? `${plural(total, 'participant')} whose name or email holds “${search.applied}”.`
            : `${plural(total, 'participant')} across ${plural(stageColumns.length, 'active stage')}. Open a card to see the person’s timeline and act.`
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
          <ul className="board" aria-label="Board">
            {stageColumns.map((column) => (
              <li key={column.key} className="board-slot">
                <BoardColumn column={column} templateId={templateId} search={search.applied} />
              </li>
            ))}
            {/* The finished stack in one lane, so a typical pipeline fits on screen without scrolling. */}
            <li className="board-slot board-slot-finished">
              {finishedColumns.map((column) => (
                <BoardColumn key={column.key} column={column} templateId={templateId} search={search.applied} />
              ))}
            </li>
          </ul>
        </>
      )}
      <AddParticipantDialog open={dialog === 'add'} onClose={() => setDialog(null)} templateId={templateId} />
      <BulkImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} templateId={templateId} />
    </>
  );
}

function BoardColumn({ column, templateId, search }: { column: Column; templateId: string; search: string }) {
  const terminal = column.stage_id === null;
  const hidden = column.count - column.cards.length;
  const listLink = `/participants?${new URLSearchParams({
    template: templateId,
    ...(terminal ? { status: column.key } : { stage: column.stage_id ?? '', status: 'active' }),
    ...(search ? { q: search } : {}),
  })}`;
  return (
    <section
      className={`board-column${terminal ? ` is-terminal is-${column.key}` : ''}`}
      aria-label={`${column.title}, ${plural(column.count, 'participant')}`}
    >
      <header className="board-column-header">
        <h2 className="board-column-title">{column.title}</h2>
        <span className="count-pill">{column.count}</span>
      </header>
      {column.pass_threshold !== null && <p className="board-column-sub">Pass mark {column.pass_threshold}</p>}
      {column.cards.length === 0 ? (
        <p className="board-empty">{terminal ? 'Nobody yet' : 'Nobody at this stage'}</p>
      ) : (
        <ul className="board-cards">
          {column.cards.map((card) => (
            <li key={card.id}>
              <BoardCard card={card} />
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <Link className="board-more" to={listLink}>
          {plural(hidden, 'more participant')} in the list
        </Link>
      )}
    </section>
  );
}

function BoardCard({ card }: { card: Card }) {
  return (
    <Link to={`/participants/${card.id}`} className="board-card" data-testid="board-card" data-shortcut-row="">
      <span className="board-card-name">{card.name}</span>
      <span className="board-card-state">
        {card.status === 'active' && card.stage_state ? (
          <StageStateBadge state={card.stage_state} />
        ) : (
          <ParticipantStatusBadge status={card.status} recommendation={card.recommendation} />
        )}
      </span>
      {card.status === 'active' && (
        <span className="board-card-facts">
          <ScoreAgainstMark score={card.last_score} threshold={card.pass_threshold} />
          <span className="muted">{plural(card.attempts_used ?? 0, 'attempt')} used</span>
        </span>
      )}
    </Link>
  );
}
