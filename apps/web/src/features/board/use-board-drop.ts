import { useState } from 'react';
import { trpc } from '../../app/trpc.ts';
import { showRefusal, useServerError } from '../../app/use-server-error.ts';
import { type Move, type MoveContext, moveRequest, useParticipantMove } from '../participants/participant-move.ts';
import type { Card, Column } from './BoardLanes.tsx';
import { advanceDropRefusal, dropIntent } from './board-drop.ts';

/**
 * A card dropped on a column: the move it stands for, confirmed in the same dialog as the button on
 * the person's page, with the same note rule (their outlook says whether advancing needs one), or
 * the plain reason it stands for none.
 */
export function useBoardDrop(columns: readonly Column[]) {
  const utils = trpc.useUtils();
  const showError = useServerError();
  const [moving, setMoving] = useState<{ card: Card; move: Move; context: MoveContext } | null>(null);
  const participantMove = useParticipantMove(moving?.card ?? null, () => setMoving(null));
  const stageName = (card: Card) => columns.find((c) => c.stage_id === card.current_stage_id)?.title ?? 'their stage';

  const open = (card: Card, move: Move, context: MoveContext) => {
    setMoving({ card, move, context });
    participantMove.setMove(move);
  };

  async function onDrop(card: Card, target: Column) {
    const intent = dropIntent(card, target, columns);
    if (intent.kind === 'none') return;
    if (intent.kind === 'refused') return showRefusal(intent.reason);
    const base = { name: card.name, currentStageName: stageName(card) };
    if (intent.kind === 'reject')
      return open(card, 'reject', { ...base, advanceNeedsNote: false, nextStageName: null });
    try {
      // Where advancing takes them, and whether it needs a note, are the server's answers, as on their page.
      const { outlook, actions } = await utils.participants.byId.fetch({ id: card.id });
      if (!outlook || !actions?.advance)
        return showRefusal(`${card.name} cannot be advanced now: open their page to see why.`);
      const refusal = advanceDropRefusal(card, target, outlook.next_stage);
      if (refusal) return showRefusal(refusal);
      open(card, 'advance', {
        ...base,
        advanceNeedsNote: outlook.advance_needs_note,
        nextStageName: outlook.next_stage?.name ?? null,
      });
    } catch (error) {
      showError(error);
    }
  }

  const close = () => {
    participantMove.setMove(null);
    setMoving(null);
  };
  return {
    onDrop: (card: Card, target: Column) => void onDrop(card, target),
    request: moving ? moveRequest(moving.move, moving.context) : null,
    pending: participantMove.pending,
    submit: participantMove.submit,
    close,
  };
}
