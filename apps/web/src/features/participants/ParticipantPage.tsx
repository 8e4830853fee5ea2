import { type EvaluationStage, isAiRun, recommendationLabels, type Session } from '@stageflow/domain';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { toast } from 'sonner';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatDate } from '../../lib/format.ts';
import { NotFoundState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { useCan } from '../account/use-account.ts';
import { CurrentStageCard } from './CurrentStageCard.tsx';
import { NoteDialog } from './NoteDialog.tsx';
import { ParticipantStatusBadge, recommendationText } from './ParticipantBadges.tsx';
import { ParticipantMoves } from './ParticipantMoves.tsx';
import { ParticipantTimeline } from './ParticipantTimeline.tsx';
import { PortalLinkCard } from './PortalLinkCard.tsx';
import { openProgress, pipelineSteps } from './participant-model.ts';
import { RecordResultDialog, type ResultTarget } from './RecordResultDialog.tsx';
import { ReplaceScorecardDialog, type ReplaceTarget } from './ReplaceScorecardDialog.tsx';
import { ScheduleSessionDialog, type ScheduleTarget } from './ScheduleSessionDialog.tsx';
import { type SessionCommand, SessionList } from './SessionList.tsx';
import { StageTrack } from './StageTrack.tsx';
import { actorName } from './timeline.ts';
import { useMemberNames, useRefreshParticipants } from './use-participant-data.ts';

type Detail = RouterOutputs['participants']['byId'];

export default function ParticipantPage() {
  const { participantId = '' } = useParams();
  const query = trpc.participants.byId.useQuery({ id: participantId });

  return (
    <QueryGate
      query={query}
      loading="Loading participant"
      notFound={
        <NotFoundState title="Participant not found" back={{ to: '/participants', label: 'Back to Participants' }}>
          They may have been removed, or the link is wrong. Find them in the list.
        </NotFoundState>
      }
    >
      {(participant) => <ParticipantDetails participant={participant} />}
    </QueryGate>
  );
}

function ParticipantDetails({ participant }: { participant: Detail }) {
  const templateId = participant.evaluation_template_id;
  const template = trpc.templates.byId.useQuery({ id: templateId });
  // Archived stages too: a participant's history can name a stage removed since.
  const stagesQuery = trpc.stages.list.useQuery({ evaluation_template_id: templateId, include_archived: true });
  const memberNames = useMemberNames();
  const canManage = useCan('admin');
  const canReview = useCan('reviewer');
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const location = useLocation();

  const [result, setResult] = useState<ResultTarget | null>(null);
  const [scheduling, setScheduling] = useState<ScheduleTarget | null>(null);
  const [ending, setEnding] = useState<{ command: 'fail' | 'cancel'; session: Session } | null>(null);
  const [replacing, setReplacing] = useState<ReplaceTarget | null>(null);

  const stages: readonly EvaluationStage[] = stagesQuery.data ?? template.data?.stages ?? [];
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const stageName = (id: string | null | undefined) => (id && stageById.get(id)?.stage_name) || 'a stage';
  const steps = pipelineSteps(stages, participant.progress, participant.current_stage_id);
  const progress = openProgress(participant.progress, participant.current_stage_id);
  const currentStage = progress ? stageById.get(progress.stage_id) : undefined;
  const labels = template.data ? recommendationLabels(template.data) : { positive: 'positive', negative: 'negative' };
  // What the rules allow and say about them: the server's answers, never worked out again here.
  const { actions, outlook } = participant;
  const personName = (actor: string) => actorName(actor, memberNames);
  const awaitingScore = new Set(participant.awaiting_score);
  const replaceable = new Set(canReview ? (actions?.replace_scorecard_session_ids ?? []) : []);

  const sessionDone = (message: string) => ({
    onSuccess: async () => {
      toast.success(message);
      setEnding(null);
      await refresh();
    },
  });
  const start = trpc.sessions.start.useMutation({ ...sessionDone('Session started'), onError: (e) => showError(e) });
  const fail = trpc.sessions.fail.useMutation(sessionDone('Marked as a technical failure: no attempt used'));
  const cancel = trpc.sessions.cancel.useMutation(sessionDone('Session cancelled'));
  // docs/rules.md#scoring-with-evidence: what the interviewer did, or why it did nothing, in plain words.
  const score = trpc.sessions.score.useMutation({
    onSuccess: async ({ scoring }) => {
      if (scoring.status === 'not_scored') toast.error(`Not scored. ${scoring.message}`);
      else if (scoring.needs_review)
        toast.warning('Scored, but a dimension has no quote the participant said: a reviewer decides.');
      else toast.success('Scored by the interviewer');
      await refresh();
    },
    onError: (e) => showError(e),
  });

  // A link to a scorecard (#session-…) scrolls to it once the page has drawn.
  useEffect(() => {
    if (!location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [location.hash]);

  const resultTarget = (sessionId?: string): ResultTarget | null =>
    progress && currentStage && outlook
      ? {
          participantId: participant.id,
          participantName: participant.name,
          stage: currentStage,
          rules: progress.rules,
          outlook,
          sessionId,
          labels,
        }
      : null;

  const scheduleTarget = (session?: Session): ScheduleTarget | null =>
    currentStage
      ? {
          participantId: participant.id,
          participantName: participant.name,
          stageId: currentStage.id,
          stageName: currentStage.stage_name,
          notBefore: outlook?.cooldown_ends_at ?? null,
          reschedule: session && {
            sessionId: session.id,
            scheduledAt: session.scheduled_at,
            timezone: session.timezone,
            notes: session.notes,
          },
        }
      : null;

  const replaceTarget = (session: Session): ReplaceTarget | null => {
    const stage = stageById.get(session.stage_id);
    const rules = participant.progress.find((p) => p.stage_id === session.stage_id)?.rules;
    return stage && rules && session.scorecard
      ? { sessionId: session.id, participantName: participant.name, stage, scorecard: session.scorecard, rules }
      : null;
  };

  const onSessionCommand = (command: SessionCommand, session: Session) => {
    if (command === 'start') start.mutate({ session_id: session.id });
    else if (command === 'complete') setResult(resultTarget(session.id));
    else if (command === 'reschedule') setScheduling(scheduleTarget(session));
    else if (command === 'score') score.mutate({ session_id: session.id });
    else if (command === 'replace') setReplacing(replaceTarget(session));
    else setEnding({ command, session });
  };

  return (
    <>
      <PageHeader
        title={participant.name}
        meta={<ParticipantStatusBadge status={participant.status} recommendation={participant.recommendation} />}
        description={
          <>
            {participant.email} ·{' '}
            <Link to={`/templates/${templateId}/board`}>{template.data?.template_name ?? 'Template'}</Link> · added{' '}
            {formatDate(participant.created_at)}
          </>
        }
        actions={
          canManage &&
          actions && (
            <ParticipantMoves
              participant={participant}
              allowed={actions}
              advanceNeedsNote={outlook?.advance_needs_note ?? false}
              currentStageName={currentStage?.stage_name ?? 'this stage'}
              nextStageName={outlook?.next_stage?.name ?? null}
            />
          )
        }
      />
      <div className="stack-lg">
        <PipelineLoadError queries={[template, stagesQuery]} />
        <section className="card" aria-labelledby="pipeline-title">
          <h2 id="pipeline-title" className="section-title">
            Pipeline
          </h2>
          <StageTrack steps={steps} />
        </section>

        <div className="participant-grid">
          <div className="stack-lg">
            {progress && currentStage && outlook ? (
              <CurrentStageCard
                participant={participant}
                stage={currentStage}
                progress={progress}
                outlook={outlook}
                canReview={canReview}
                onRecordResult={() => setResult(resultTarget())}
                onSchedule={() => setScheduling(scheduleTarget())}
              />
            ) : (
              <FinishedCard participant={participant} />
            )}

            <section className="card" aria-labelledby="sessions-title">
              <h2 id="sessions-title" className="section-title">
                Sessions and scorecards
              </h2>
              {participant.sessions.length === 0 ? (
                <p className="muted section-description">
                  No sessions yet.{' '}
                  {actions?.record_result || actions?.schedule
                    ? 'Schedule one, or record a result when the interview is done.'
                    : ''}
                </p>
              ) : (
                <SessionList
                  sessions={participant.sessions}
                  stageName={stageName}
                  buttons={canReview ? (actions?.sessions ?? []) : []}
                  canReschedule={canReview && (outlook?.can_reschedule ?? false)}
                  awaitingScore={awaitingScore}
                  replaceable={replaceable}
                  personName={personName}
                  busy={start.isPending || score.isPending}
                  scoring={score.isPending ? (score.variables?.session_id ?? null) : null}
                  onCommand={onSessionCommand}
                  hasAnswers={(s) => stageById.get(s.stage_id)?.stage_type === 'async_assessment'}
                  participantName={participant.name}
                  hasInterview={(s) => {
                    const type = stageById.get(s.stage_id)?.stage_type;
                    return type !== undefined && isAiRun(type);
                  }}
                />
              )}
            </section>

            <PortalLinkCard participant={participant} canManage={canManage} />

            <ParticipantFacts participant={participant} />
          </div>

          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title" className="section-title">
              Timeline
            </h2>
            <p className="section-description">Newest first: who did what, when, and by which rule.</p>
            <ParticipantTimeline
              participantId={participant.id}
              memberNames={memberNames}
              context={{ stageName, personName }}
            />
          </section>
        </div>
      </div>

      <RecordResultDialog target={result} onClose={() => setResult(null)} />
      <ReplaceScorecardDialog target={replacing} onClose={() => setReplacing(null)} />
      <ScheduleSessionDialog target={scheduling} onClose={() => setScheduling(null)} />
      <NoteDialog
        request={
          ending &&
          (ending.command === 'fail'
            ? {
                title: 'Mark as a technical failure?',
                description: 'The session ends without using an attempt, so the participant can be scheduled again.',
                label: 'What went wrong',
                required: false,
                confirmLabel: 'Mark technical failure',
              }
            : {
                title: 'Cancel this session?',
                description: 'No attempt is used.',
                label: 'Reason',
                required: false,
                confirmLabel: 'Cancel session',
                variant: 'danger',
              })
        }
        pending={fail.isPending || cancel.isPending}
        onClose={() => setEnding(null)}
        onSubmit={(reason, form) => {
          if (!ending) return;
          const input = { session_id: ending.session.id, ...(reason ? { reason } : {}) };
          const onError = (error: unknown) => showError(error, form);
          if (ending.command === 'fail') fail.mutate(input, { onError });
          else cancel.mutate(input, { onError });
        }}
      />
    </>
  );
}

function FinishedCard({ participant }: { participant: Detail }) {
  const finished = participant.status !== 'active';
  return (
    <section className="card" aria-labelledby="now-title">
      <h2 id="now-title" className="section-title">
        {participant.status === 'completed'
          ? 'Completed the evaluation'
          : participant.status === 'rejected'
            ? 'Rejected'
            : participant.status === 'withdrawn'
              ? 'Withdrawn'
              : 'Not in a stage'}
      </h2>
      <p className="section-description">
        {participant.recommendation ? (
          <>
            Recommendation: <strong className="recommendation">{recommendationText(participant.recommendation)}</strong>
            .{' '}
          </>
        ) : null}
        {finished ? 'The journey has ended: the record and its timeline stay for the audit trail.' : ''}
      </p>
    </section>
  );
}

function ParticipantFacts({ participant }: { participant: Detail }) {
  const { profile } = participant;
  const facts: [string, string | null][] = [
    ['Email', participant.email],
    ['Phone', participant.phone],
    ['External id', participant.external_id],
    ['Tags', participant.tags.length ? participant.tags.join(', ') : null],
    ['Title', profile.title],
    ['Organization', profile.organization],
    ['Location', profile.location],
  ];
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title" className="section-title">
        Details
      </h2>
      <dl className="details">
        {facts
          .filter(([, value]) => value)
          .map(([term, value]) => (
            <div key={term} className="detail">
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

/** The template and its stages name everything on this page: when they could not be loaded, say so, with Retry. */
function PipelineLoadError({
  queries,
}: {
  queries: { isError: boolean; isFetching: boolean; error: unknown; refetch: () => unknown }[];
}) {
  const failed = queries.filter((q) => q.isError);
  if (failed.length === 0) return null;
  return (
    <ErrorState
      compact
      error={failed[0]?.error}
      title="Could not load the template’s stages"
      onRetry={() => failed.forEach((q) => void q.refetch())}
      retrying={failed.some((q) => q.isFetching)}
    />
  );
}
