import {
  type AgentProfile,
  type EvaluationStage,
  ReplaceScorecardInput,
  type RulesSnapshot,
  type Scorecard,
} from '@stageflow/domain';
import { useEffect } from 'react';
import { toast } from 'sonner';
import type { z } from 'zod';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogBody, DialogFooter } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { ScorecardFields } from './ScorecardFields.tsx';
import { useRefreshParticipants } from './use-participant-data.ts';
import { useScorecardForm } from './use-scorecard-form.ts';
import { WithStageInterviewer } from './WithStageInterviewer.tsx';

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
      {target && (
        <WithStageInterviewer stage={target.stage}>
          {(profile) => <ReplaceForm target={target} profile={profile} onClose={onClose} />}
        </WithStageInterviewer>
      )}
    </Dialog>
  );
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
  const { form, preview } = useScorecardForm({
    schema: ReplaceScorecardInput,
    defaultValues: startingValues(target, profile),
    profile,
    // The preview judges by the pass mark that applied to the AI's score; what the rules then do is the server's to say.
    stage: {
      rules: { ...target.rules, pass_threshold: target.scorecard.threshold_applied },
      stageType: target.stage.stage_type,
      attemptsUsed: 0,
      attemptsAllowed: 1,
    },
  });
  const {
    register,
    formState: { errors },
  } = form;
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
        <ScorecardFields
          profile={profile}
          register={register}
          errors={errors}
          overallHint="From 0 to 100, as a whole."
          preview={preview}
          threshold={target.scorecard.threshold_applied}
          outcomeText="While they are still at this stage and nobody has decided on the AI’s score, the stage’s rules apply to yours, as to any result. Otherwise your score is recorded and nobody is moved: decide by hand what should change."
        />
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
