import type { DecisionOutcome, DecisionSuggestion } from '@stageflow/domain';
import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { Button } from '../../ui/Button.tsx';
import { NoteDialog, type NoteRequest, type NoteValues } from '../participants/NoteDialog.tsx';
import { recommendationText } from '../participants/ParticipantBadges.tsx';
import { useRefreshParticipants } from '../participants/use-participant-data.ts';

interface DecideButtonsProps {
  decision: { id: string; suggested: DecisionSuggestion };
  participantName: string;
  stageName: string;
}

const OTHER: Record<DecisionSuggestion, DecisionSuggestion> = { advance: 'reject', reject: 'advance' };

/** What happened, for the toast. */
function decidedMessage(name: string, outcome: DecisionOutcome, result: RouterOutputs['decisions']['decide']) {
  const { participant } = result;
  if (outcome === 'retake') return `${name} can take the stage again`;
  if (participant.status === 'completed') {
    return `${name} completed${participant.recommendation ? `: ${recommendationText(participant.recommendation)}` : ''}`;
  }
  if (participant.status === 'rejected') return `${name} was rejected`;
  return `${name} moved on to the next stage`;
}

/**
 * A reviewer's three answers to an open decision. Following the suggestion is one click; going
 * against it or granting a retake asks for a note (docs/rules.md#deciding-a-decision); the server has the last word.
 */
export function DecideButtons({ decision, participantName, stageName }: DecideButtonsProps) {
  const [asking, setAsking] = useState<{ outcome: DecisionOutcome; request: NoteRequest } | null>(null);
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const decide = trpc.decisions.decide.useMutation();
  const other = OTHER[decision.suggested];

  const run = (outcome: DecisionOutcome, note?: string, form?: UseFormReturn<NoteValues>) =>
    decide.mutate(
      { decision_id: decision.id, outcome, ...(note ? { note } : {}) },
      {
        onSuccess: async (result) => {
          toast.success(decidedMessage(participantName, outcome, result));
          setAsking(null);
          await refresh();
        },
        onError: (error) => showError(error, form),
      },
    );

  const ask = (outcome: DecisionOutcome) =>
    setAsking({
      outcome,
      request:
        outcome === 'retake'
          ? {
              title: `Grant ${participantName} a retake?`,
              description: `They get one more attempt at ${stageName}.`,
              required: 'Granting a retake needs a note: say why.',
              confirmLabel: 'Grant a retake',
            }
          : {
              title: `${outcome === 'advance' ? 'Advance' : 'Reject'} ${participantName} against the suggestion?`,
              description: `The suggestion was to ${decision.suggested}. Your note explains the decision in the audit trail.`,
              required: `Going against the suggestion to ${decision.suggested} needs a note: say why.`,
              confirmLabel: outcome === 'advance' ? 'Advance' : 'Reject',
              variant: outcome === 'reject' ? 'danger' : 'primary',
            },
    });

  return (
    <div className="decide-buttons">
      <Button
        variant="primary"
        size="sm"
        pending={decide.isPending && !asking}
        disabled={decide.isPending}
        onClick={() => run(decision.suggested)}
      >
        Approve: {decision.suggested}
      </Button>
      <Button size="sm" disabled={decide.isPending} onClick={() => ask(other)}>
        {other === 'advance' ? 'Advance instead…' : 'Reject instead…'}
      </Button>
      <Button size="sm" variant="ghost" disabled={decide.isPending} onClick={() => ask('retake')}>
        Grant a retake…
      </Button>
      <NoteDialog
        request={asking?.request ?? null}
        pending={decide.isPending}
        onClose={() => setAsking(null)}
        onSubmit={(note, form) => asking && run(asking.outcome, note, form)}
      />
    </div>
  );
}
