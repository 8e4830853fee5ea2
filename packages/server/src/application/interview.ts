import {
  DomainError,
  decideAnswer,
  decideInterviewFinish,
  type InterviewAnswerInput,
  type InterviewReply,
  type InterviewState,
  type InterviewTurn,
  type InterviewView,
  interviewEndedBy,
  interviewPlan,
  interviewSession,
  interviewSource,
  interviewStatus,
  notFound,
  type PortalSessionDetail,
  PROMPT_VERSION,
  publicTurn,
  type SessionTranscript,
  type StoredTurn,
  unwrap,
} from '@stageflow/domain';
import {
  clockOf,
  type InterviewRunContext,
  type InterviewSnapshot,
  interviewEnded,
  interviewerTurn,
  interviewSubjectFor,
  loadInterview,
} from '../interviewer/runner.ts';
import type { AppContext } from './context.ts';
import { finishPortalSession, readPortalSession } from './portal-sessions.ts';

/**
 * A participant's interview from their portal (docs/rules.md#the-interview): reading the conversation,
 * answering (the answer is stored first, then the interviewer's turn is made), asking the interviewer
 * again after it was unavailable, and finishing. And the running transcript for staff. The caller
 * builds `ctx` from the portal credential: the participant's workspace, and them as the actor.
 */

/** What a streamed request reports as it goes: each stored turn, the interviewer's words as they come, the state at the end. */
export type InterviewStreamEvent =
  | { readonly type: 'turn'; readonly turn: InterviewTurn }
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'end'; readonly interview: InterviewState };

/** Where an interview stands: its turns against the session's clock. */
function stateOf({ session, stage, turns }: Omit<InterviewSnapshot, 'state'>, now: string): InterviewState {
  const clock = clockOf(session, stage, now);
  return {
    session_id: session.id,
    stage_name: stage.stage_name,
    status: interviewStatus(turns),
    ended_by: interviewEndedBy(turns),
    ends_at: clock.ends_at,
    seconds_left: clock.seconds_left,
  };
}

/**
 * The conversation so far, the time left, and whether it ended. An interview that ended stays readable
 * once its session has moved on (the interviewer scored it, the participant advanced): they see how it
 * ended, and nothing more can be said in it.
 */
export async function readInterview(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
): Promise<InterviewView> {
  let snapshot: Omit<InterviewSnapshot, 'state'>;
  try {
    snapshot = await loadInterview(ctx, participantId, sessionId);
  } catch (error) {
    const ended =
      error instanceof DomainError &&
      error.code === 'CONFLICT' &&
      (await endedInterview(ctx, participantId, sessionId));
    if (!ended) throw error;
    snapshot = ended;
  }
  return { ...stateOf(snapshot, ctx.now()), turns: snapshot.turns.map(publicTurn) };
}

/** The participant's own session whose interview has ended, whatever became of the session since; else null. */
async function endedInterview(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
): Promise<Omit<InterviewSnapshot, 'state'> | null> {
  const state = (await ctx.reads.participants.load.participant(ctx.workspaceId, participantId))?.state;
  const session = state?.sessions.find((s) => s.id === sessionId && s.participant_id === participantId);
  const stage = session && state?.template.stages.find((s) => s.id === session.stage_id);
  if (!session || !stage) return null;
  const turns = await ctx.reads.sessionTurns.list(ctx.workspaceId, sessionId);
  return interviewStatus(turns) === 'ended' ? { session, stage, turns } : null;
}

/** Whether the session has an interview the participant can take now (the `/p/` page links to it). */
export async function hasInterview(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
): Promise<boolean> {
  const loaded = await ctx.reads.participants.load.participant(ctx.workspaceId, participantId);
  return loaded !== undefined && !(interviewSession(loaded.state, sessionId) instanceof DomainError);
}

/**
 * Stores the participant's answer, before anything asks the model (so it is never lost). With a
 * `clientKey` (their `Idempotency-Key`), a retry stores nothing and answers the first answer. Throws
 * the refusal: NOT_FOUND, CONFLICT (not their turn, the interview ended).
 */
export async function storeAnswer(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
  input: InterviewAnswerInput,
  clientKey: string | null,
): Promise<InterviewTurn> {
  const answer = await ctx.storage.interviews.append(ctx.workspaceId, participantId, sessionId, ({ loaded, turns }) => {
    const decided = decideAnswer(
      { state: loaded.state, session_id: sessionId, turns },
      { text: input.text, client_key: clientKey },
      ctx.now(),
    );
    return decided instanceof DomainError ? decided : { append: decided.append, answer: decided.answer };
  });
  return publicTurn(unwrap(answer));
}

/**
 * The interviewer's turn after `answer` (or, with none, the turn it owes: its greeting, or the one it
 * could not give), as events: the stored answer, the interviewer's words as they come, its stored turn,
 * then the state. Throws
 * `InterviewerUnavailableError` when the model fails mid-interview; what was stored stays.
 */
export async function* interviewerReply(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
  answer: InterviewTurn | null,
): AsyncGenerator<InterviewStreamEvent, InterviewReply, undefined> {
  if (answer) yield { type: 'turn', turn: answer };
  // A retried answer the interviewer already replied to gets that reply, however far the conversation went on.
  const replied = answer && (await ctx.reads.sessionTurns.list(ctx.workspaceId, sessionId))[answer.index + 1];
  let stored: StoredTurn;
  if (replied?.speaker === 'interviewer') stored = replied;
  else {
    const words = interviewerTurn(ctx, participantId, sessionId);
    let next = await words.next();
    while (!next.done) {
      yield { type: 'delta', text: next.value };
      next = await words.next();
    }
    stored = next.value;
  }
  const turn = publicTurn(stored);
  yield { type: 'turn', turn };
  const interview = await currentState(ctx, participantId, sessionId);
  yield { type: 'end', interview };
  return { answer, turn, interview };
}

/**
 * The state after a turn, read without the eligibility check: the end hook may already have moved the
 * session on (scored it), and the participant should still learn that their interview ended.
 */
async function currentState(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
): Promise<InterviewState> {
  const loaded = unwrap(
    (await ctx.reads.participants.load.participant(ctx.workspaceId, participantId)) ??
      notFound('Participant', participantId),
  );
  const session = loaded.state.sessions.find((s) => s.id === sessionId);
  const stage = session && loaded.state.template.stages.find((s) => s.id === session.stage_id);
  if (!session || !stage) throw notFound('Session', sessionId);
  return stateOf({ session, stage, turns: await ctx.reads.sessionTurns.list(ctx.workspaceId, sessionId) }, ctx.now());
}

/** Runs a reply to its end, for callers that do not stream (the JSON answer, the page's form). */
export async function drain(reply: AsyncGenerator<InterviewStreamEvent, InterviewReply, undefined>) {
  let next = await reply.next();
  while (!next.done) next = await reply.next();
  return next.value;
}

/**
 * The participant finishes: an interview still running ends with the plan's closing words (no model
 * call: they asked to stop), then the end hook runs, also for one that had ended (it records the
 * finish again). A session without an interview here is finished as before
 * (docs/rules.md#sessions-a-participant-starts).
 */
export async function finishFromPortal(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
): Promise<PortalSessionDetail> {
  const loaded = await ctx.reads.participants.load.participant(ctx.workspaceId, participantId);
  if (!loaded || interviewSession(loaded.state, sessionId) instanceof DomainError) {
    return finishPortalSession(ctx, participantId, sessionId);
  }
  const snapshot = await loadInterview(ctx, participantId, sessionId);
  const closing = interviewPlan(await interviewSubjectFor(ctx, snapshot.stage.id)).closing;
  unwrap(
    await ctx.storage.interviews.append(ctx.workspaceId, participantId, sessionId, ({ loaded: now, turns }) => {
      const decided = decideInterviewFinish(
        { state: now.state, session_id: sessionId, turns },
        { text: closing, prompt_version: PROMPT_VERSION },
        ctx.now(),
      );
      return decided instanceof DomainError ? decided : { append: decided.append, answer: null };
    }),
  );
  await interviewEnded(ctx, sessionId);
  return readPortalSession(ctx, participantId, sessionId);
}

/** The running transcript of a session in the caller's workspace, for staff (`sessions.transcript`). */
export async function readTranscript(ctx: AppContext, sessionId: string): Promise<SessionTranscript> {
  const session = await ctx.reads.participants.session(ctx.workspaceId, sessionId);
  if (!session) throw notFound('Session', sessionId);
  const turns = await ctx.reads.sessionTurns.list(ctx.workspaceId, sessionId);
  return {
    session_id: session.id,
    status: interviewStatus(turns),
    ended_by: interviewEndedBy(turns),
    source: interviewSource(turns),
    prompt_version: turns.find((t) => t.speaker === 'interviewer')?.prompt_version ?? null,
    turns: turns.map((t) => ({ ...publicTurn(t), source: t.source })),
  };
}
