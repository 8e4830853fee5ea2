import type { ClientRect, CollisionDetection, KeyboardCoordinateGetter } from '@dnd-kit/core';

const centerOf = (rect: ClientRect) => ({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
const contains = (rect: ClientRect, p: { x: number; y: number }) =>
  p.x >= rect.left && p.x <= rect.right && p.y >= rect.top && p.y <= rect.bottom;

/**
 * The column under the pointer, or (lifted by keyboard) under the card's middle; none over a gap,
 * so a card let go between columns goes back where it was.
 */
export const columnUnderCard: CollisionDetection = ({
  collisionRect,
  droppableRects,
  droppableContainers,
  pointerCoordinates,
}) => {
  const point = pointerCoordinates ?? centerOf(collisionRect);
  return droppableContainers.flatMap((container) => {
    const rect = droppableRects.get(container.id);
    return rect && contains(rect, point)
      ? [{ id: container.id, data: { droppableContainer: container, value: 0 } }]
      : [];
  });
};

const STEPS: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * Arrow keys move a card lifted by keyboard from column to column in the board's order (→ or ↓ to the
 * next, ← or ↑ to the one before), its middle near the top of each so the page barely scrolls.
 * `order` is the columns' ids in the board's order; `home` the column the card was lifted from.
 */
export const columnKeyboardCoordinates =
  (order: () => readonly string[], home: (cardId: string) => string | undefined): KeyboardCoordinateGetter =>
  (event, { active, context: { over, collisionRect, droppableRects } }) => {
    const step = STEPS[event.code];
    if (!step || !collisionRect) return undefined;
    event.preventDefault();
    const keys = order();
    const from = keys.indexOf(String(over?.id ?? home(String(active)) ?? ''));
    const to = Math.min(keys.length - 1, Math.max(0, from + step));
    const rect = droppableRects.get(keys[to] ?? '');
    if (!rect) return undefined;
    return {
      x: rect.left + rect.width / 2 - collisionRect.width / 2,
      y: rect.top + Math.min(rect.height / 2, 48) - collisionRect.height / 2,
    };
  };
