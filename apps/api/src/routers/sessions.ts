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
import type { Context } from '../context.ts';
import { router, scoped } from '../trpc.ts';
import { ByIdInput } from './ids.ts';
import { decideContext, participantView, runCommand, sessionCreatedBy, sessionTarget } from './participant-commands.ts';

const loadSession = (ctx: Context, id: string) =>
  unwrap(ctx.repos.participants.session(ctx.workspaceId, id) ?? notFound('Session', id));

/** What every session command answers: the session and where its participant now stands. */
const sessionResult = (ctx: Context, sessionId: string) => {
  const session = loadSession(ctx, sessionId);
  return { session, participant: participantView(ctx, session.participant_id) };
};

export const sessionsRouter = router({
  list: scoped('sessions.read')
    .input(ListSessionsInput)
    .query(({ ctx, input }) => ctx.repos.participants.sessions(ctx.workspaceId, input)),

  byId: scoped('sessions.read')
    .input(ByIdInput)
    .query(({ ctx, input }) => loadSession(ctx, input.id)),

  /** At the participant's current stage; a retried `idempotency_key` returns the first session. */
  schedule: scoped('sessions.write')
    .input(ScheduleSessionInput)
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
            return sessionResult(ctx, sessionCreatedBy(result, input.idempotency_key)!);
          }),
        ),
      ),
    ),

  reschedule: scoped('sessions.write')
    .input(RescheduleSessionInput)
    .mutation(({ ctx, input }) => {
      runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'reschedule', ...input });
      return sessionResult(ctx, input.session_id);
    }),

  start: scoped('sessions.write')
    .input(StartSessionInput)
    .mutation(({ ctx, input }) => {
      runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'start', ...input });
      return sessionResult(ctx, input.session_id);
    }),

  /** Scores the session and applies the stage's automation rule from the participant's snapshot. */
  complete: scoped('sessions.write')
    .input(CompleteSessionInput)
    .mutation(({ ctx, input }) => {
      runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'complete', ...input });
      return sessionResult(ctx, input.session_id);
    }),

  fail: scoped('sessions.write')
    .input(FailSessionInput)
    .mutation(({ ctx, input }) => {
      runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'fail', ...input });
      return sessionResult(ctx, input.session_id);
    }),

  cancel: scoped('sessions.write')
    .input(CancelSessionInput)
    .mutation(({ ctx, input }) => {
      runCommand(ctx, sessionTarget(ctx, input.session_id), { type: 'cancel', ...input });
      return sessionResult(ctx, input.session_id);
    }),

  /** A reviewer's scorecard (or a result typed into the dashboard) in one step. */
  recordResult: scoped('sessions.write')
    .input(RecordResultInput)
    .mutation(({ ctx, input }) => {
      const result = runCommand(ctx, { participantId: input.participant_id }, { type: 'record_result', ...input });
      // It completes the session already open at the stage, or the one it created for the purpose.
      const completed = result.emitted.find((e) => e.type === 'session_completed');
      return sessionResult(
        ctx,
        completed?.type === 'session_completed' ? completed.data.session_id : sessionCreatedBy(result)!,
      );
    }),
});
