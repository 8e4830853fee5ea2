import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { RouterOutputs } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import type { SelectionState } from '../bulk/use-selection.ts';
import { ParticipantStatusBadge, ScoreAgainstMark, StageStateBadge } from '../participants/ParticipantBadges.tsx';
import { columnKeyboardCoordinates, columnUnderCard } from './column-drag.ts';

export type Column = RouterOutputs['participants']['board']['columns'][number];
export type Card = Column['cards'][number];

interface BoardLanesProps {
  columns: readonly Column[];
  templateId: string;
  search: string;
  /** Cards can be picked for a bulk action and dragged (those who may move people); absent: read only. */
  manage?:
    | {
        selection: SelectionState;
        /** Every card loaded on the board, in order: what "everyone shown" means here. */
        shown: readonly string[];
        onDrop: (card: Card, column: Column) => void;
      }
    | undefined;
}

/**
 * The board's columns, left to right: each active stage, then the finished ones stacked in one lane.
 * Those who may move people drag a card by its handle, with a pointer or by keyboard (Space to lift,
 * arrow keys from column to column, Space to drop, Escape to put it back); what a drop means is the
 * page's to say (board-drop.ts).
 */
export function BoardLanes({ columns, templateId, search, manage }: BoardLanesProps) {
  const [dragged, setDragged] = useState<Card | null>(null);
  const order = columns.map((c) => c.key);
  const cards = new Map(columns.flatMap((c) => c.cards.map((card) => [card.id, { card, column: c }] as const)));
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: columnKeyboardCoordinates(
        () => order,
        (id) => cards.get(id)?.column.key,
      ),
    }),
  );
  const nameOf = (id: string | number) => cards.get(String(id))?.card.name ?? 'The card';
  const titleOf = (id: string | number) => columns.find((c) => c.key === id)?.title ?? 'a column';
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${nameOf(active.id)}. Use the arrow keys to choose a column, Space to drop, Escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `${nameOf(active.id)} is over ${titleOf(over.id)}.` : undefined),
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped on ${titleOf(over.id)}.` : `${nameOf(active.id)} was put back.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };
  const onDragStart = ({ active }: DragStartEvent) => setDragged(cards.get(String(active.id))?.card ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    const found = cards.get(String(active.id));
    const column = columns.find((c) => c.key === over?.id);
    if (found && column && manage) manage.onDrop(found.card, column);
  };

  const stageColumns = columns.filter((c) => c.stage_id !== null);
  const finishedColumns = columns.filter((c) => c.stage_id === null);
  const column = (c: Column) => (
    <BoardColumn key={c.key} column={c} templateId={templateId} search={search} manage={manage} />
  );
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={columnUnderCard}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragged(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move this person, press Space, then the arrow keys to choose a column: the next stage advances them, Rejected rejects them. Press Space again to drop, or Escape to cancel.',
        },
      }}
    >
      <ul className="board" aria-label="Board">
        {stageColumns.map((c) => (
          <li key={c.key} className="board-slot">
            {column(c)}
          </li>
        ))}
        {/* The finished stack in one lane, so a typical pipeline fits on screen without scrolling. */}
        <li className="board-slot board-slot-finished">{finishedColumns.map(column)}</li>
      </ul>
      <DragOverlay dropAnimation={null}>
        {dragged && <div className="board-card board-card-overlay">{dragged.name}</div>}
      </DragOverlay>
    </DndContext>
  );
}

function BoardColumn({
  column,
  templateId,
  search,
  manage,
}: {
  column: Column;
  templateId: string;
  search: string;
  manage: BoardLanesProps['manage'];
}) {
  const { setNodeRef, isOver } = useDroppable({ id: column.key, disabled: !manage });
  const terminal = column.stage_id === null;
  const hidden = column.count - column.cards.length;
  const listLink = `/participants?${new URLSearchParams({
    template: templateId,
    ...(terminal ? { status: column.key } : { stage: column.stage_id ?? '', status: 'active' }),
    ...(search ? { q: search } : {}),
  })}`;
  return (
    <section
      ref={setNodeRef}
      className={`board-column${terminal ? ` is-terminal is-${column.key}` : ''}${isOver ? ' is-drop-target' : ''}`}
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
            <li key={card.id} className="board-card-slot">
              <BoardCard card={card} manage={manage} />
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

/**
 * A card is a link to the person's page; beside it (never inside a link), the box that picks them and
 * the handle that moves them. Only active people move: the finished ones have no handle.
 */
function BoardCard({ card, manage }: { card: Card; manage: BoardLanesProps['manage'] }) {
  const movable = !!manage && card.status === 'active';
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: card.id,
    disabled: !movable,
  });
  return (
    <div ref={setNodeRef} className={`board-card-wrap${isDragging ? ' is-dragging' : ''}`}>
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
      {manage && (
        <div className="board-card-controls">
          <Checkbox
            aria-label={`Select ${card.name}`}
            checked={manage.selection.isSelected(card.id)}
            onChange={() => manage.selection.toggle(card.id, manage.shown)}
          />
          {movable && (
            <button
              type="button"
              ref={setActivatorNodeRef}
              className="board-card-handle"
              {...attributes}
              {...listeners}
              aria-label={`Move ${card.name}`}
            >
              <span aria-hidden="true">⠿</span>
            </button>
          )}
        </div>
      )}
    </div>
  );
}
