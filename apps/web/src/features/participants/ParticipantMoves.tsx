import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { Button } from '../../ui/Button.tsx';
import { NoteDialog, type NoteRequest, type NoteValues } from './NoteDialog.tsx';
import { useRefreshParticipants } from './use-participant-data.ts';

type Move = 'advance' | 'reject' | 'withdraw';

interface ParticipantMovesProps {
  participant: { id: string; name: string };
  allowed: Record<Move, boolean>;
  /** The outlook's answer: they have not passed their current stage, so advancing them needs a note. */
  advanceNeedsNote: boolean;
  currentStageName: string;
  nextStageName: string | null;
}

/** An admin's moves by hand: advance, reject, withdraw. Only those the rules allow now are offered. */
export function ParticipantMoves({
  participant,
  allowed,
  advanceNeedsNote,
  currentStageName,
  nextStageName,
}: ParticipantMovesProps) {
  const [move, setMove] = useState<Move | null>(null);
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const options = (done: string) => ({
    onSuccess: async () => {
      toast.success(done);
      setMove(null);
      await refresh();
    },
  });
  const advance = trpc.participants.advance.useMutation(options(`Advanced ${participant.name}`));
  const reject = trpc.participants.reject.useMutation(options(`Rejected ${participant.name}`));
  const withdraw = trpc.participants.withdraw.useMutation(options(`Withdrew ${participant.name}`));
  const mutations = { advance, reject, withdraw };

  const requests: Record<Move, NoteRequest> = {
    advance: {
      title: `Advance ${participant.name}?`,
      description: `${advanceNeedsNote ? `They have not passed ${currentStageName}. ` : ''}${
        nextStageName ? `They move on to ${nextStageName}.` : 'No stage is left for them: they complete the evaluation.'
      } Anything open at this stage is closed.`,
      required: advanceNeedsNote ? 'Advancing someone who has not passed the stage needs a note: say why.' : false,
      confirmLabel: 'Advance',
    },
    reject: {
      title: `Reject ${participant.name}?`,
      description: 'They leave the evaluation with the negative recommendation. This cannot be undone.',
      required: false,
      confirmLabel: 'Reject',
      variant: 'danger',
    },
    withdraw: {
      title: `Withdraw ${participant.name}?`,
      description: 'For someone who leaves of their own accord. This cannot be undone.',
      required: false,
      label: 'Reason',
      confirmLabel: 'Withdraw',
      variant: 'danger',
    },
  };

  const submit = (note: string | undefined, form: UseFormReturn<NoteValues>) => {
    if (!move) return;
    mutations[move].mutate(
      { participant_id: participant.id, ...(note ? { note } : {}) },
      { onError: (error) => showError(error, form) },
    );
  };

  if (!allowed.advance && !allowed.reject && !allowed.withdraw) return null;
  return (
    <>
      {allowed.advance && <Button onClick={() => setMove('advance')}>Advance…</Button>}
      {allowed.reject && (
        <Button variant="ghost" className="text-danger" onClick={() => setMove('reject')}>
          Reject…
        </Button>
      )}
      {allowed.withdraw && (
        <Button variant="ghost" onClick={() => setMove('withdraw')}>
          Withdraw…
        </Button>
      )}
      <NoteDialog
        request={move ? requests[move] : null}
        pending={move ? mutations[move].isPending : false}
        onClose={() => setMove(null)}
        onSubmit={submit}
      />
    </>
  );
}
