import { zodResolver } from '@hookform/resolvers/zod';
import {
  type AgentProfile,
  type EvaluationStage,
  ReplaceScorecardInput,
  type RulesSnapshot,
  type Scorecard,
} from '@stageflow/domain';
import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogBody, DialogFooter } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { LoadingState } from '../../ui/LoadingState.tsx';
import { ResultPreview } from './RecordResultDialog.tsx';
import { ScoreInputs } from './ScoreInputs.tsx';
import { previewScorecard, type ScorecardFormValues } from './scorecard-form.ts';
import { useRefreshParticipants } from './use-participant-data.ts';

/** A completed session the AI interviewer scored, which a reviewer may score instead (docs/rules.md#replacing-an-interviewers-score). */
export interface ReplaceTarget {
  sessionId: string;
  participantName: string;
  stage: EvaluationStage;
  /** The interviewer's scorecard: its scores fill the form to start from. */
  scorecard: Scorecard;
  /** The rules the participant was judged by at that stage. */
  rules: RulesSnapshot;
}

type ReplaceValues = z.input<typeof ReplaceScorecardInput>;

export function ReplaceScorecardDialog({ target, onClose }: { target: ReplaceTarget | null; onClose: () => void }) {
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      size="lg"
      title="Correct the score"
      description={
        target &&
        `${target.participantName} at ${target.stage.stage_name}. Your scores correct the recorded ones; both stay in the record.`
      }
    >
      {target && <ReplaceLoader target={target} onClose={onClose} />}
    </Dialog>
  );
}

function ReplaceLoader({ target, onClose }: { target: ReplaceTarget; onClose: () => void }) {
  const profileId = target.stage.agent_profile_id;
  const profile = trpc.agentProfiles.byId.useQuery({ id: profileId ?? '' }, { enabled: profileId !== null });
  if (profileId && profile.isPending) return <LoadingState label="Loading the interviewer’s dimensions" />;
  return <ReplaceForm target={target} profile={profileId ? (profile.data ?? null) : null} onClose={onClose} />;
}

/** The interviewer's scores to start from, in its order; an overall score when the stage has no dimensions now. */
function startingValues(target: ReplaceTarget, profile: AgentProfile | null): ReplaceValues {
  const given = new Map(target.scorecard.dimension_scores.map((d) => [d.name.toLowerCase(), d.score]));
  return {
    session_id: target.sessionId,
    ...(profile
      ? {
          dimension_scores: profile.evaluation_dimensions.map((d) => ({
            name: d.name,
            score: given.get(d.name.toLowerCase()) as number,
            reasoning: '',
          })),
        }
      : { overall_score: target.scorecard.overall_score }),
    summary: '',
    improvement_feedback: '',
    note: '',
  };
}

function ReplaceForm({
  target,
  profile,
  onClose,
}: {
  target: ReplaceTarget;
  profile: AgentProfile | null;
  onClose: () => void;
}) {
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const form = useForm<ReplaceValues>({
    resolver: zodResolver(ReplaceScorecardInput),
    defaultValues: startingValues(target, profile),
  });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const values = useWatch({ control });
  // The preview judges by the pass mark that applied to the AI's score; what the rules then do is the server's to say.
  const preview = previewScorecard(profile, values as ScorecardFormValues, {
    rules: { ...target.rules, pass_threshold: target.scorecard.threshold_applied },
    stageType: target.stage.stage_type,
    attemptsUsed: 0,
    attemptsAllowed: 1,
  });
  // The note is what a correction must have: start there.
  useEffect(() => form.setFocus('note'), [form]);

  const replace = trpc.sessions.replaceScorecard.useMutation({
    onSuccess: async () => {
      // Whether the rules acted on it, or a decision now asks a reviewer to look, the timeline says.
      toast.success(`Score corrected for ${target.participantName}`);
      onClose();
      await refresh();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <form noValidate onSubmit={form.handleSubmit((input) => replace.mutate(input))}>
      <DialogBody>
        <Field
          label="Why you correct it"
          error={errors.note?.message}
          hint="Required. Kept with both scores and in the timeline, with your name."
        >
          {(p) => <textarea {...p} rows={3} {...register('note')} />}
        </Field>
        <ScoreInputs
          profile={profile}
          register={register}
          errors={errors as never}
          overallHint="From 0 to 100, as a whole."
        />
        <ResultPreview
          preview={preview}
          threshold={target.scorecard.threshold_applied}
          outcomeText="While they are still at this stage and nobody has decided on the AI’s score, the stage’s rules apply to yours, as to any result. Otherwise your score is recorded and nobody is moved: decide by hand what should change."
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
        <Button type="submit" variant="primary" pending={replace.isPending}>
          Correct the score
        </Button>
      </DialogFooter>
    </form>
  );
}
