import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import type { NoteRequest, NoteValues } from './NoteDialog.tsx';
import { useRefreshParticipants } from './use-participant-data.ts';

export type Move = 'advance' | 'reject' | 'withdraw';

/** What the confirmation of a move needs to say: from the participant page's outlook, or fetched for a board card. */
export interface MoveContext {
  name: string;
  /** The outlook's answer: they have not passed their current stage, so advancing them needs a note. */
  advanceNeedsNote: boolean;
  currentStageName: string;
  /** Where advancing takes them; null: advancing completes the evaluation. */
  nextStageName: string | null;
}

/**
 * The confirmation of each move by hand, the same wherever it starts (the buttons on the participant
 * page, a drop on the board): what happens, and whether the note is required (the rule is the
 * server's, docs/rules.md#moving-a-participant-by-hand; the outlook says when it applies).
 */
export function moveRequest(move: Move, c: MoveContext): NoteRequest {
  switch (move) {
    case 'advance':
      return {
        title: `Advance ${c.name}?`,
        description: `${c.advanceNeedsNote ? `They have not passed ${c.currentStageName}. ` : ''}${
          c.nextStageName
            ? `They move on to ${c.nextStageName}.`
            : 'No stage is left for them: they complete the evaluation.'
        } Anything open at this stage is closed.`,
        required: c.advanceNeedsNote ? 'Advancing someone who has not passed the stage needs a note: say why.' : false,
        confirmLabel: 'Advance',
      };
    case 'reject':
      return {
        title: `Reject ${c.name}?`,
        description: 'They leave the evaluation with the negative recommendation. This cannot be undone.',
        required: false,
        confirmLabel: 'Reject',
        variant: 'danger',
      };
    case 'withdraw':
      return {
        title: `Withdraw ${c.name}?`,
        description: 'For someone who leaves of their own accord. This cannot be undone.',
        required: false,
        label: 'Reason',
        confirmLabel: 'Withdraw',
        variant: 'danger',
      };
  }
}

/**
 * A move by hand on one participant, confirmed in a NoteDialog: which move is being confirmed, and
 * sending it (a refusal goes beside the note, or into the open dialog).
 */
export function useParticipantMove(participant: { id: string; name: string } | null, onDone?: () => void) {
  const [move, setMove] = useState<Move | null>(null);
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const options = (done: string) => ({
    onSuccess: async () => {
      toast.success(`${done} ${participant?.name ?? ''}`.trim());
      setMove(null);
      onDone?.();
      await refresh();
    },
  });
  const mutations = {
    advance: trpc.participants.advance.useMutation(options('Advanced')),
    reject: trpc.participants.reject.useMutation(options('Rejected')),
    withdraw: trpc.participants.withdraw.useMutation(options('Withdrew')),
  };
  const submit = (note: string | undefined, form: UseFormReturn<NoteValues>) => {
    if (!move || !participant) return;
    mutations[move].mutate(
      { participant_id: participant.id, ...(note ? { note } : {}) },
      { onError: (error) => showError(error, form) },
    );
  };
  return { move, setMove, submit, pending: move ? mutations[move].isPending : false };
}
