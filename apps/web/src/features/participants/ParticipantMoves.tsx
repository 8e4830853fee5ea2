import { Button } from '../../ui/Button.tsx';
import { NoteDialog } from './NoteDialog.tsx';
import { type Move, type MoveContext, moveRequest, useParticipantMove } from './participant-move.ts';

interface ParticipantMovesProps extends Omit<MoveContext, 'name'> {
  participant: { id: string; name: string };
  allowed: Record<Move, boolean>;
}

/** An admin's moves by hand: advance, reject, withdraw. Only those the rules allow now are offered. */
export function ParticipantMoves({ participant, allowed, ...context }: ParticipantMovesProps) {
  const { move, setMove, submit, pending } = useParticipantMove(participant);
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
        request={move ? moveRequest(move, { name: participant.name, ...context }) : null}
        pending={pending}
        onClose={() => setMove(null)}
        onSubmit={submit}
      />
    </>
  );
}
