import type { DecisionOutcome, DecisionReason, DecisionSuggestion } from '@stageflow/domain';
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
  /**
   * `suggested` is null for a request for a person (nothing was scored to suggest from), and for an
   * unchecked AI score whose rules would have moved nobody.
   */
  decision: { id: string; suggested: DecisionSuggestion | null; reason: DecisionReason };
  participantName: string;
  stageName: string;
}

const OTHER: Record<DecisionSuggestion, DecisionSuggestion> = { advance: 'reject', reject: 'advance' };

/** What happened, for the toast. */
function decidedMessage(name: string, outcome: DecisionOutcome, result: RouterOutputs['decisions']['decide']) {
  const { participant } = result;
  if (outcome === 'retake') return `${name} can take the stage again`;
  if (outcome === 'keep') return `${name} stays where they are`;
  if (participant.status === 'completed') {
    return `${name} completed${participant.recommendation ? `: ${recommendationText(participant.recommendation)}` : ''}`;
  }
  if (participant.status === 'rejected') return `${name} was rejected`;
  return `${name} moved on to the next stage`;
}

/**
 * A reviewer's three answers to an open decision. Following the suggestion is one click; going
 * against it or granting a retake asks for a note (docs/rules.md#deciding-a-decision); the server has the last word.
 * A request for a person has no suggestion: advancing or rejecting it directly always asks for a note, and there
 * is nothing to retake (docs/rules.md#consent-to-an-ai-run-stage).
 */
export function DecideButtons({ decision, participantName, stageName }: DecideButtonsProps) {
  const [asking, setAsking] = useState<{ outcome: DecisionOutcome; request: NoteRequest } | null>(null);
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const decide = trpc.decisions.decide.useMutation();

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

  const dialog = (
    <NoteDialog
      request={asking?.request ?? null}
      pending={decide.isPending}
      onClose={() => setAsking(null)}
      onSubmit={(note, form) => asking && run(asking.outcome, note, form)}
    />
  );

  if (decision.reason === 'scorecard_corrected') {
    // docs/rules.md#correcting-a-score: the flag is answered by looking; moving anyone is done on their page.
    return (
      <div className="decide-buttons">
        <Button
          size="sm"
          disabled={decide.isPending}
          onClick={() =>
            setAsking({
              outcome: 'keep',
              request: {
                title: `Keep ${participantName} where they are?`,
                description: `A score at ${stageName} was corrected after the rules had acted on it. To move them, advance or reject them on their page instead.`,
                required: 'Say what you checked: the note is the record of your decision.',
                confirmLabel: 'Keep as it is',
              },
            })
          }
        >
          Keep as it is…
        </Button>
        {dialog}
      </div>
    );
  }
  if (decision.suggested === null && decision.reason === 'scorecard_needs_review') {
    // docs/rules.md#scoring-with-evidence: nothing to approve in one click; each answer says why.
    const askUnsuggested = (outcome: DecisionOutcome) =>
      setAsking({
        outcome,
        request: {
          title:
            outcome === 'retake'
              ? `Grant ${participantName} a retake?`
              : `${outcome === 'advance' ? 'Advance' : 'Reject'} ${participantName}?`,
          description: `The AI interviewer’s score at ${stageName} could not be checked against what they said, and the stage’s rules suggest nothing here.`,
          required: 'Say what you found in the transcript: the note is the record of your decision.',
          confirmLabel: outcome === 'retake' ? 'Grant a retake' : outcome === 'advance' ? 'Advance' : 'Reject',
          variant: outcome === 'reject' ? 'danger' : 'primary',
        },
      });
    return (
      <div className="decide-buttons">
        <Button size="sm" disabled={decide.isPending} onClick={() => askUnsuggested('advance')}>
          Advance…
        </Button>
        <Button size="sm" disabled={decide.isPending} onClick={() => askUnsuggested('reject')}>
          Reject…
        </Button>
        <Button size="sm" variant="ghost" disabled={decide.isPending} onClick={() => askUnsuggested('retake')}>
          Grant a retake…
        </Button>
        {dialog}
      </div>
    );
  }
  if (decision.suggested === null) {
    const askDirect = (outcome: 'advance' | 'reject') =>
      setAsking({
        outcome,
        request: {
          title: `${outcome === 'advance' ? 'Advance' : 'Reject'} ${participantName} without a recorded result?`,
          description: `They asked for a person to run ${stageName}. Usually you run it with them and record its result on their page; deciding here skips that.`,
          required: 'Say how the stage went with a person: the note is the only record of it.',
          confirmLabel: outcome === 'advance' ? 'Advance' : 'Reject',
          variant: outcome === 'reject' ? 'danger' : 'primary',
        },
      });
    return (
      <div className="decide-buttons">
        <Button size="sm" disabled={decide.isPending} onClick={() => askDirect('advance')}>
          Advance…
        </Button>
        <Button size="sm" disabled={decide.isPending} onClick={() => askDirect('reject')}>
          Reject…
        </Button>
        {dialog}
      </div>
    );
  }
  const suggested = decision.suggested;
  const other = OTHER[suggested];
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
              description: `The suggestion was to ${suggested}. Your note explains the decision in the audit trail.`,
              required: `Going against the suggestion to ${suggested} needs a note: say why.`,
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
        onClick={() => run(suggested)}
      >
        Approve: {suggested}
      </Button>
      <Button size="sm" disabled={decide.isPending} onClick={() => ask(other)}>
        {other === 'advance' ? 'Advance instead…' : 'Reject instead…'}
      </Button>
      <Button size="sm" variant="ghost" disabled={decide.isPending} onClick={() => ask('retake')}>
        Grant a retake…
      </Button>
      {dialog}
    </div>
  );
}
