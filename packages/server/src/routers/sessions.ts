import {
  CancelSessionInput,
  CompleteSessionInput,
  extended,
  FailSessionInput,
  ListSessionsInput,
  notFound,
  type ParticipantCommand,
  RecordResultInput,
  ReplaceScorecardInput,
  RescheduleSessionInput,
  ScheduleSessionInput,
  ScoreSessionInput,
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
import { type ScoringResult, scoreSession } from '../interviewer/scoring.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { ScoreResult, Session, SessionAnswers, SessionResult } from './outputs.ts';
import { participantView, sessionCreatedBy, sessionResult } from './participant-answers.ts';

/** A command on one session: it runs on the session's participant and answers with that session. */
const onSession = async (ctx: Context, command: Extract<ParticipantCommand, { session_id: string }>) =>
  runParticipantCommand(ctx, await sessionTarget(ctx, command.session_id), command, (result) =>
    sessionResult(result, command.session_id),
  );

const scoreAnswer = ({ session, state, scoring }: ScoringResult) => ({
  session,
  participant: participantView(state),
  scoring,
});

const loadSession = async (ctx: Context, id: string) =>
  unwrap((await ctx.reads.participants.session(ctx.workspaceId, id)) ?? notFound('Session', id));

/** The session open (scheduled or under way) at the participant's current stage, which a result completes. */
async function openSessionOf(ctx: Context, participantId: string): Promise<string | undefined> {
  const state = (await ctx.reads.participants.load.participant(ctx.workspaceId, participantId))?.state;
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
    .query(({ ctx, input }) => ctx.reads.participants.sessions(ctx.workspaceId, input)),

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
          "Give `dimension_scores` on the interviewer's scale, or an `overall_score` (0-100). The stage's automation rule then applies. Without a `transcript`, the record kept for the session (an interview the interviewer could not score) goes on the scorecard.",
      },
    })
    .input(CompleteSessionInput)
    .output(SessionResult)
    .mutation(async ({ ctx, input }) =>
      // Without a transcript of the reviewer's, the session keeps what the participant gave: the
      // interview's turns, or a written assessment's submitted answers.
      onSession(
        ctx,
        extended(
          { type: 'complete' as const, ...input },
          { transcript: await transcriptOnCompletion(ctx, input.session_id, input.transcript) },
        ),
      ),
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
        description:
          'Completes the session open at the stage, or creates and completes one. Without a `transcript`, the record kept for the open session (an interview the interviewer could not score) goes on the scorecard.',
      },
    })
    .input(RecordResultInput)
    .output(SessionResult)
    .mutation(async ({ ctx, input }) =>
      runParticipantCommand(
        ctx,
        { participantId: input.participant_id },
        {
          type: 'record_result',
          ...input,
          transcript: await transcriptOnCompletion(
            ctx,
            await openSessionOf(ctx, input.participant_id),
            input.transcript,
          ),
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

  /** The interviewer scores the session from its record (docs/rules.md#scoring-with-evidence). */
  score: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/sessions/{session_id}/score',
        tags: ['Sessions'],
        summary: "Score a session with the stage's interviewer",
        description:
          "The workspace's interviewer model scores what the participant gave in the session: the interview's turns as the portal stored them, or a written assessment's submitted answers. Every dimension gets its reasoning and the participant's own words as evidence. Each quote is checked against what the participant said; a quote they never said is dropped, and a dimension left without one opens a `scorecard_needs_review` decision instead of moving anyone. Otherwise the session completes and the stage's rules apply, as for any result. An interview that ends, and answers that are submitted, are scored this way by themselves; call this to try again. When no model is set up or it fails, nothing is scored: `scoring.status` is `not_scored` with the `reason` and a message in plain words, a failure is recorded as `scoring_failed`, and the session waits for a reviewer (`sessions.awaitingScore`).",
      },
    })
    .input(ScoreSessionInput)
    .output(ScoreResult)
    .mutation(async ({ ctx, input }) => scoreAnswer(await scoreSession(ctx, input.session_id))),

  /** A reviewer's own scores in place of the interviewer's; both stay (docs/rules.md#replacing-an-interviewers-score). */
  replaceScorecard: scoped('sessions.write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/sessions/{session_id}/replace-scorecard',
        tags: ['Sessions'],
        summary: 'Correct a recorded score',
        description:
          "Any completed session's scorecard (the interviewer's or a person's) can be corrected, and a `note` saying why is required. Give `dimension_scores` on the interviewer's scale, or an `overall_score` (0-100). Both scorecards stay on the session (`replaced_scorecards`) and in the timeline. While the participant is still at that stage and nobody decided on the score, the stage's rules apply to the new one (an open decision about the old one closes); otherwise it is recorded, nobody is moved, and a `scorecard_corrected` decision asks a person to look (answer it with outcome `keep` and a note).",
      },
    })
    .input(ReplaceScorecardInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) => onSession(ctx, { type: 'replace_scorecard', ...input })),
});
