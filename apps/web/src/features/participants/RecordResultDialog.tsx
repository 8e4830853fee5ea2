import {
  type AgentProfile,
  type EvaluationStage,
  type ParticipantOutlook,
  type RulesSnapshot,
  ScorecardInput,
} from '@stageflow/domain';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogBody, DialogFooter } from '../../ui/Dialog.tsx';
import { recommendationText } from './ParticipantBadges.tsx';
import { ScorecardFields } from './ScorecardFields.tsx';
import { SubmittedAnswers } from './SubmittedAnswers.tsx';
import { describeOutcome, newScorecardValues } from './scorecard-form.ts';
import { useRefreshParticipants } from './use-participant-data.ts';
import { useScorecardForm } from './use-scorecard-form.ts';
import { WithStageInterviewer } from './WithStageInterviewer.tsx';

export interface ResultTarget {
  participantId: string;
  participantName: string;
  stage: EvaluationStage;
  /** The rules they entered the stage with: the preview judges by these. */
  rules: RulesSnapshot;
  /** Attempts so far and allowed, and where advancing takes them. */
  outlook: ParticipantOutlook;
  /** Completing a session that is open; otherwise the result is recorded in one step. */
  sessionId?: string | undefined;
  labels: { positive: string; negative: string };
}

export function RecordResultDialog({ target, onClose }: { target: ResultTarget | null; onClose: () => void }) {
  const finalReview = target?.stage.stage_type === 'final_review';
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      size="lg"
      title={finalReview ? 'Record the final review' : target?.sessionId ? 'Complete the session' : 'Record a result'}
      description={target && `${target.participantName} at ${target.stage.stage_name}.`}
    >
      {target && (
        <WithStageInterviewer stage={target.stage}>
          {(profile) => <ResultForm target={target} profile={profile} onClose={onClose} />}
        </WithStageInterviewer>
      )}
    </Dialog>
  );
}

function ResultForm({
  target,
  profile,
  onClose,
}: {
  target: ResultTarget;
  profile: AgentProfile | null;
  onClose: () => void;
}) {
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const { outlook } = target;
  const { form, preview } = useScorecardForm({
    schema: ScorecardInput,
    defaultValues: newScorecardValues(profile),
    profile,
    stage: {
      rules: target.rules,
      stageType: target.stage.stage_type,
      attemptsUsed: outlook.attempts_used,
      attemptsAllowed: outlook.attempts_allowed,
    },
  });
  const {
    register,
    formState: { errors },
  } = form;

  const onSuccess = async ({ participant }: { participant: { status: string; recommendation: string | null } }) => {
    toast.success(
      participant.status === 'completed' && participant.recommendation
        ? `Result saved: ${target.participantName} completed (${recommendationText(participant.recommendation)})`
        : 'Result saved',
    );
    onClose();
    await refresh();
  };
  const record = trpc.sessions.recordResult.useMutation({ onSuccess, onError: (e) => showError(e, form) });
  const complete = trpc.sessions.complete.useMutation({ onSuccess, onError: (e) => showError(e, form) });

  const submit = form.handleSubmit((scores) => {
    if (target.sessionId) complete.mutate({ session_id: target.sessionId, ...scores });
    else record.mutate({ participant_id: target.participantId, stage_id: target.stage.id, ...scores });
  });

  return (
    <form noValidate onSubmit={submit}>
      <DialogBody>
        {/* A written assessment is scored from its answers: they become the scorecard's transcript. */}
        {target.sessionId && target.stage.stage_type === 'async_assessment' && (
          <SubmittedAnswers sessionId={target.sessionId} />
        )}
        <ScorecardFields
          profile={profile}
          register={register}
          errors={errors}
          overallHint={
            target.stage.agent_profile_id
              ? 'From 0 to 100.'
              : 'From 0 to 100. This stage has no interviewer with dimensions, so the score is given as a whole.'
          }
          preview={preview}
          threshold={target.rules.pass_threshold}
          outcomeText={
            preview.kind === 'ready'
              ? describeOutcome(preview.outcome, {
                  nextStageName: outlook.next_stage?.name ?? null,
                  labels: target.labels,
                  attemptsAfter: outlook.attempts_used + 1,
                  attemptsAllowed: outlook.attempts_allowed,
                })
              : null
          }
        />
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={record.isPending || complete.isPending}>
          Save result
        </Button>
      </DialogFooter>
    </form>
  );
}
