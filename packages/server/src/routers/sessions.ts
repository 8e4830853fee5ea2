import { withIdempotency, writeTx } from '@stageflow/db';
import {
  CancelSessionInput,
  CompleteSessionInput,
  FailSessionInput,
  isDomainError,
  ListSessionsInput,
  notFound,
  RecordResultInput,
  RescheduleSessionInput,
  ScheduleSessionInput,
  StartSessionInput,
  unwrap,
} from '@stageflow/domain';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { Session, SessionResult } from './outputs.ts';
import { decideContext, runCommand, sessionCreatedBy, sessionResult, sessionTarget } from './participant-commands.ts';

const loadSession = (ctx: Context, id: string) =>
  unwrap(ctx.repos.participants.session(ctx.workspaceId, id) ?? notFound('Session', id));

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
      unwrap(
        writeTx(ctx.db, (tx) =>
          withIdempotency(tx, ctx.workspaceId, input.idempotency_key, 'sessions.schedule', input, ctx.now(), () => {
            const result = ctx.repos.participants.apply(
              tx,
              ctx.workspaceId,
              { participantId: input.participant_id },
              { type: 'schedule', ...input },
              decideContext(ctx),
            );
            if (isDomainError(result)) return result;
            return sessionResult(result, sessionCreatedBy(result, input.idempotency_key)!);
          }),
        ),
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
    .mutation(({ ctx, input }) => {
      const result = runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'reschedule', ...input });
      return sessionResult(result, input.session_id);
    }),

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
    .mutation(({ ctx, input }) => {
      const result = runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'start', ...input });
      return sessionResult(result, input.session_id);
    }),

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
    .mutation(({ ctx, input }) => {
      const result = runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'complete', ...input });
      return sessionResult(result, input.session_id);
    }),

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
    .mutation(({ ctx, input }) => {
      const result = runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'fail', ...input });
      return sessionResult(result, input.session_id);
    }),

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
    .mutation(({ ctx, input }) => {
      const result = runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'cancel', ...input });
      return sessionResult(result, input.session_id);
    }),

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
    .mutation(({ ctx, input }) => {
      const result = runCommand(ctx, { participantId: input.participant_id }, { type: 'record_result', ...input });
      // It completes the session already open at the stage, or the one it created for the purpose.
      const completed = result.emitted.find((e) => e.type === 'session_completed');
      return sessionResult(
        result,
        completed?.type === 'session_completed' ? completed.data.session_id : sessionCreatedBy(result)!,
      );
    }),
});
