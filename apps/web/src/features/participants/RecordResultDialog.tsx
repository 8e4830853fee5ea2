import { zodResolver } from '@hookform/resolvers/zod';
import {
  type AgentProfile,
  type EvaluationStage,
  type ParticipantOutlook,
  type RulesSnapshot,
  ScorecardInput,
} from '@stageflow/domain';
import { useForm, useWatch } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatScore } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogBody, DialogFooter } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { LoadingState } from '../../ui/LoadingState.tsx';
import { recommendationText } from './ParticipantBadges.tsx';
import { ScoreBar } from './ScorecardView.tsx';
import { ScoreInputs } from './ScoreInputs.tsx';
import { SubmittedAnswers } from './SubmittedAnswers.tsx';
import { describeOutcome, newScorecardValues, previewScorecard, type ScorecardFormValues } from './scorecard-form.ts';
import { useRefreshParticipants } from './use-participant-data.ts';

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
      {target && <ResultLoader target={target} onClose={onClose} />}
    </Dialog>
  );
}

/** The form is built from the stage's interviewer: its dimensions, on its scale. */
function ResultLoader({ target, onClose }: { target: ResultTarget; onClose: () => void }) {
  const profileId = target.stage.agent_profile_id;
  const profile = trpc.agentProfiles.byId.useQuery({ id: profileId ?? '' }, { enabled: profileId !== null });
  if (profileId && profile.isPending) return <LoadingState label="Loading the interviewer’s dimensions" />;
  return <ResultForm target={target} profile={profileId ? (profile.data ?? null) : null} onClose={onClose} />;
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
  const form = useForm<ScorecardFormValues>({
    resolver: zodResolver(ScorecardInput),
    defaultValues: newScorecardValues(profile),
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const values = useWatch({ control });
  const { outlook } = target;
  const preview = previewScorecard(profile, values as ScorecardFormValues, {
    rules: target.rules,
    stageType: target.stage.stage_type,
    attemptsUsed: outlook.attempts_used,
    attemptsAllowed: outlook.attempts_allowed,
  });
  const threshold = target.rules.pass_threshold;

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
        <ScoreInputs
          profile={profile}
          register={register}
          errors={errors}
          overallHint={
            target.stage.agent_profile_id
              ? 'From 0 to 100.'
              : 'From 0 to 100. This stage has no interviewer with dimensions, so the score is given as a whole.'
          }
        />

        <ResultPreview
          preview={preview}
          threshold={threshold}
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

        <Field label="Summary" optional error={errors.summary?.message}>
          {(p) => <textarea {...p} rows={3} {...register('summary')} />}
        </Field>
        <Field label="What to improve" optional error={errors.improvement_feedback?.message}>
          {(p) => <textarea {...p} rows={2} {...register('improvement_feedback')} />}
        </Field>
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

export function ResultPreview({
  preview,
  threshold,
  outcomeText,
}: {
  preview: ReturnType<typeof previewScorecard>;
  threshold: number | null;
  outcomeText: string | null;
}) {
  const mark = threshold === null ? 'No pass mark: every result passes.' : `Pass mark ${formatScore(threshold)}.`;
  return (
    <section className="result-preview" aria-label="Preview" aria-live="polite">
      {preview.kind === 'ready' ? (
        <>
          <div className="result-preview-head">
            <span>
              Overall <strong className="result-preview-score">{formatScore(preview.scorecard.overall_score)}</strong>{' '}
              <span className="muted">out of 100</span>
            </span>
            <Badge tone={preview.scorecard.passed ? 'success' : 'danger'}>
              {preview.scorecard.passed ? 'Pass' : 'Below the pass mark'}
            </Badge>
          </div>
          <ScoreBar
            value={preview.scorecard.overall_score}
            threshold={threshold}
            tone={preview.scorecard.passed ? 'pass' : 'fail'}
            label={`Overall ${formatScore(preview.scorecard.overall_score)} out of 100`}
          />
          <p className="muted">
            {mark}
            {preview.scorecard.below_min_score.length > 0 &&
              ` Below the minimum on ${preview.scorecard.below_min_score.join(', ')}.`}
          </p>
          {outcomeText && (
            <p>
              <strong>What happens next:</strong> {outcomeText}
            </p>
          )}
        </>
      ) : preview.kind === 'invalid' ? (
        <p className="text-danger">{preview.message}</p>
      ) : (
        <p className="muted">
          {mark} Fill in {preview.missing > 1 ? `the ${preview.missing} remaining scores` : 'the score'} to see the
          overall and what happens next.
        </p>
      )}
    </section>
  );
}
