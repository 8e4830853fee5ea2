/**
 * What dropping a card on a column means (docs/surfaces.md#the-board): the board sends the same two
 * moves as the buttons on a participant's page, advance and reject, and nothing else. Whether the
 * move itself is allowed, and with or without a note, stays the server's rule; these only say which
 * move a drop stands for, or, in plain words, why a drop stands for none.
 */

export interface DropColumn {
  /** A stage's id, or `completed` / `rejected` / `withdrawn`. */
  readonly key: string;
  readonly title: string;
  /** Null for the finished columns. */
  readonly stage_id: string | null;
}

export interface DropCard {
  readonly name: string;
  readonly current_stage_id: string | null;
}

export type DropIntent =
  | { readonly kind: 'none' }
  | { readonly kind: 'reject' }
  /** Advancing, if the column is where advancing takes them: known once their outlook is read. */
  | { readonly kind: 'advance' }
  | { readonly kind: 'refused'; readonly reason: string };

/** What a drop asks for, before anything is read about the person. `columns` is the board's order. */
export function dropIntent(card: DropCard, target: DropColumn, columns: readonly DropColumn[]): DropIntent {
  const from = columns.findIndex((c) => c.stage_id !== null && c.stage_id === card.current_stage_id);
  const to = columns.findIndex((c) => c.key === target.key);
  if (from === to) return { kind: 'none' };
  if (target.key === 'rejected') return { kind: 'reject' };
  if (target.key === 'withdrawn') {
    return {
      kind: 'refused',
      reason: `To withdraw ${card.name}, open their page and choose Withdraw…, which asks for their reason. On the board, drop a card on the next stage to advance it, or on Rejected.`,
    };
  }
  if (to < from) {
    const current = columns[from]?.title ?? 'their stage';
    return {
      kind: 'refused',
      reason: `The board moves people forward only: ${card.name} is at ${current}. Drop them on the next stage to advance them, or on Rejected.`,
    };
  }
  return { kind: 'advance' };
}

/**
 * Why a drop meant as an advance is not one, once it is known where advancing takes them (`next`,
 * null: they complete); null when the column is that place.
 */
export function advanceDropRefusal(
  card: DropCard,
  target: DropColumn,
  next: { readonly id: string; readonly name: string } | null,
): string | null {
  if (next ? target.stage_id === next.id : target.key === 'completed') return null;
  if (!next) return `${card.name} has no stage left: drop them on Completed to complete their evaluation.`;
  if (target.key === 'completed') {
    return `${card.name} still has ${next.name} ahead: drop them on ${next.name} to advance them.`;
  }
  return `${card.name} moves one stage at a time: drop them on ${next.name} to advance them.`;
}
