import {
  CancelSessionInput,
  CompleteSessionInput,
  FailSessionInput,
  ListSessionsInput,
  notFound,
  type ParticipantCommand,
  RecordResultInput,
  RescheduleSessionInput,
  ScheduleSessionInput,
  SessionTranscript,
  StartSessionInput,
  unwrap,
} from '@stageflow/domain';
import { z } from 'zod';
import { readSessionAnswers } from '../application/answers.ts';
import { readTranscript } from '../application/interview.ts';
import { runParticipantCommand, sessionTarget } from '../application/participant-commands.ts';
import { transcriptOnCompletion } from '../application/session-transcript.ts';
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { Session, SessionAnswers, SessionResult } from './outputs.ts';
import { sessionCreatedBy, sessionResult } from './participant-answers.ts';

/** A command on one session: it runs on the session's participant and answers with that session. */
const onSession = (ctx: Context, command: Extract<ParticipantCommand, { session_id: string }>) =>
  runParticipantCommand(ctx, sessionTarget(ctx, command.session_id), command, (result) =>
    sessionResult(result, command.session_id),
  );

const loadSession = (ctx: Context, id: string) =>
  unwrap(ctx.repos.participants.session(ctx.workspaceId, id) ?? notFound('Session', id));

/** The session open (scheduled or under way) at the participant's current stage, which a result completes. */
function openSessionOf(ctx: Context, participantId: string): string | undefined {
  const state = ctx.repos.participants.load.participant(ctx.workspaceId, participantId)?.state;
  const stageId = state?.participant?.current_stage_id;
  return state?.sessions.find((s) => s.stage_id === stageId && (s.status === 'in_progress' || s.status === 'scheduled'))
    ?.id;
}

export const sessionsRouter = router({
  list: scoped('sessions.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/sessions',
        tags: ['Sessions'],
        summary: 'List sessions, newest first',
      },
    })
    .input(ListSessionsInput)
    .output(z.array(Session))
    .query(({ ctx, input }) => ctx.repos.participants.sessions(ctx.workspaceId, input)),

  byId: scoped('sessions.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/sessions/{id}',
        tags: ['Sessions'],
        summary: 'Get a session',
      },
    })
    .input(ByIdInput)
    .output(Session)
    .query(({ ctx, input }) => loadSession(ctx, input.id)),

  /** A written assessment's submitted answers (docs/rules.md#written-assessments). */
  answers: scoped('sessions.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/sessions/{id}/answers',
        tags: ['Sessions'],
        summary: "A written assessment's submitted answers",
        description:
          'Each question as it was when the participant submitted, with their answer. Before they submit, `submitted_at` is null and there are no questions: drafts are theirs.',
      },
    })
    .input(ByIdInput)
    .output(SessionAnswers)
    .query(({ ctx, input }) => readSessionAnswers(ctx, input.id)),

  /** The interview's conversation so far, as the participant's portal stored it (docs/rules.md#the-interview). */
  transcript: scoped('sessions.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/sessions/{id}/transcript',
        tags: ['Sessions'],
        summary: "A session's running transcript: the interview's turns so far",
        description:
          'Every turn stored so far, in order, with whether the interviewer’s words came from the model or the plan without one; `status` says whose turn it is or that the interview ended, and `ended_by` what ended it. Empty for a session without an interview. Completing the session without a `transcript` keeps these turns on its scorecard.',
      },
    })
    .input(ByIdInput)
    .output(SessionTranscript)
    .query(({ ctx, input }) => readTranscript(ctx, input.id)),

  /** At the participant's current stage; a retried `idempotency_key` returns the first session. */
  schedule: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/sessions',
        tags: ['Sessions'],
        summary: "Schedule a session at the participant's current stage",
        description: 'Send an `Idempotency-Key` header to retry safely: a retry returns the first session.',
      },
    })
    .input(ScheduleSessionInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) =>
      runParticipantCommand(
        ctx,
        { participantId: input.participant_id },
        { type: 'schedule', ...input },
        (result) => sessionResult(result, sessionCreatedBy(result, input.idempotency_key)),
        { key: input.idempotency_key, scope: 'sessions.schedule', request: input },
      ),
    ),

  reschedule: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/sessions/{session_id}/reschedule',
        tags: ['Sessions'],
        summary: 'Reschedule a session',
      },
    })
    .input(RescheduleSessionInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) => onSession(ctx, { type: 'reschedule', ...input })),

  start: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/sessions/{session_id}/start',
        tags: ['Sessions'],
        summary: 'Start a session',
      },
    })
    .input(StartSessionInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) => onSession(ctx, { type: 'start', ...input })),

  /** Scores the session and applies the stage's automation rule from the participant's snapshot. */
  complete: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/sessions/{session_id}/complete',
        tags: ['Sessions'],
        summary: 'Complete a session with its scores',
        description:
          "Give `dimension_scores` on the interviewer's scale, or an `overall_score` (0-100). The stage's automation rule then applies.",
      },
    })
    .input(CompleteSessionInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) =>
      // Without a transcript of the reviewer's, the session keeps what the participant gave: the
      // interview's turns, or a written assessment's submitted answers.
      onSession(ctx, {
        type: 'complete',
        ...input,
        transcript: transcriptOnCompletion(ctx, input.session_id, input.transcript),
      }),
    ),

  fail: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/sessions/{session_id}/fail',
        tags: ['Sessions'],
        summary: 'Mark a session failed (a technical failure: no attempt is used)',
      },
    })
    .input(FailSessionInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) => onSession(ctx, { type: 'fail', ...input })),

  cancel: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/sessions/{session_id}/cancel',
        tags: ['Sessions'],
        summary: 'Cancel a session',
      },
    })
    .input(CancelSessionInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) => onSession(ctx, { type: 'cancel', ...input })),

  /** A reviewer's scorecard (or a result typed into the dashboard) in one step. */
  recordResult: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/participants/{participant_id}/results',
        tags: ['Sessions'],
        summary: "Record a result at the participant's current stage",
        description: 'Completes the session open at the stage, or creates and completes one.',
      },
    })
    .input(RecordResultInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) =>
      runParticipantCommand(
        ctx,
        { participantId: input.participant_id },
        {
          type: 'record_result',
          ...input,
          transcript: transcriptOnCompletion(ctx, openSessionOf(ctx, input.participant_id), input.transcript),
        },
        (result) => {
          // It completes the session already open at the stage, or the one it created for the purpose.
          const completed = result.emitted.find((e) => e.type === 'session_completed');
          return sessionResult(
            result,
            completed?.type === 'session_completed' ? completed.data.session_id : sessionCreatedBy(result),
          );
        },
      ),
    ),
});
