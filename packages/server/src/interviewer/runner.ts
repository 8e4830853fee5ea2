import {
  type AgentProfile,
  answerBudget,
  answersGiven,
  DEFAULT_DURATION_MINUTES,
  DomainError,
  decideInterviewerTurn,
  INTERVIEWER_TURN_MAX,
  type InterviewClock,
  type InterviewerMove,
  type InterviewerTurnDraft,
  type InterviewSubject,
  interviewClock,
  interviewPlan,
  interviewSession,
  interviewSource,
  interviewStatus,
  interviewTurnPrompt,
  isInterviewedStage,
  markerFilter,
  modelMayClose,
  nextInterviewerMove,
  type ParticipantState,
  PROMPT_VERSION,
  type ProgressionStage,
  participantConflict,
  plannedTurn,
  portalSessionNotFound,
  readInterviewerReply,
  refusal,
  type Session,
  type StoredTurn,
  unwrap,
} from '@stageflow/domain';
import { interviewerModelFor } from '../application/interviewer-model.ts';
import { InterviewerUnavailableError } from './failures.ts';
import { type InterviewEndContext, onInterviewEnded } from './interview-ended.ts';
import type { InterviewerModel } from './model.ts';

/**
 * The interview runner (docs/architecture.md#the-interviewer, docs/rules.md#the-interview): makes the
 * interviewer's next turn in a participant's session and stores it. The domain says what the turn does
 * (greet, ask, close) and what may be stored; this asks the workspace's model for the words, streamed,
 * or takes them from the plan when there is no model, and calls `onInterviewEnded` when a turn ends the
 * interview. The participant's answer is stored before this runs (application/interview.ts), so a
 * failure here loses nothing: the turn is asked for again.
 */

/** A participant's portal context, with the interviewer's dependencies and somewhere to log what staff should know. */
export type InterviewRunContext = InterviewEndContext;

/** An interview as loaded for one request: the participant, their session and its stage, the turns so far. */
export interface InterviewSnapshot {
  readonly state: ParticipantState;
  readonly session: Session;
  readonly stage: ProgressionStage;
  readonly turns: readonly StoredTurn[];
}

/**
 * The participant's interview in `sessionId`, or the refusal (NOT_FOUND for a session not theirs,
 * CONFLICT when it has no interview now), thrown for the caller's error mapping.
 */
export async function loadInterview(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
): Promise<InterviewSnapshot> {
  const loaded = await ctx.reads.participants.load.participant(ctx.workspaceId, participantId);
  if (!loaded) throw portalSessionNotFound(sessionId);
  const found = unwrap(interviewSession(loaded.state, sessionId));
  return { state: loaded.state, ...found, turns: await ctx.reads.sessionTurns.list(ctx.workspaceId, sessionId) };
}

/** The session's clock: from its start, for the stage's duration (read live, like the stage's name; the default if unloaded). */
export const clockOf = (session: Session, stage: ProgressionStage, now: string): InterviewClock =>
  interviewClock(session.started_at ?? session.scheduled_at, stage.duration_minutes ?? DEFAULT_DURATION_MINUTES, now);

/** What the prompts and the plan are built from: the stage, its interviewer and the template, as stored now. */
export async function interviewSubjectFor(
  ctx: InterviewRunContext,
  stageId: string,
): Promise<InterviewSubject & { readonly profile: AgentProfile }> {
  const stage = await ctx.reads.stages.byId(ctx.workspaceId, stageId);
  const profile = stage?.agent_profile_id
    ? await ctx.reads.agentProfiles.byId(ctx.workspaceId, stage.agent_profile_id)
    : null;
  const template = stage && (await ctx.reads.templates.byId(ctx.workspaceId, stage.evaluation_template_id));
  if (!stage || !profile || !template || !isInterviewedStage(stage.stage_type)) {
    throw participantConflict(refusal('noInterviewer', stage?.stage_name ?? null));
  }
  return {
    profile,
    template,
    stage: {
      stage_name: stage.stage_name,
      stage_type: stage.stage_type,
      difficulty: stage.difficulty,
      duration_minutes: stage.duration_minutes,
    },
  };
}

/** The workspace's model, or null: none is set up, or its saved key no longer opens (logged for staff). */
async function modelOf(ctx: InterviewRunContext, sessionId: string): Promise<InterviewerModel | null> {
  try {
    return await interviewerModelFor(ctx);
  } catch (error) {
    if (!(error instanceof InterviewerUnavailableError)) throw error;
    ctx.log?.warn({ session_id: sessionId, reason: error.reason, detail: error.detail }, 'interviewer unavailable');
    return null;
  }
}

type Draft = Omit<InterviewerTurnDraft, 'after' | 'prompt_version'>;

/** A session on the model whose model has gone (its setting removed, or its key no longer opens). */
const noModel = () =>
  new InterviewerUnavailableError(
    'not_configured',
    'No interviewer model is set up, or its saved key can no longer be read.',
  );

/** The model's words for one turn, streamed piece by piece without the closing marker. */
async function* modelTurn(
  model: InterviewerModel | null,
  subject: InterviewSubject,
  turns: readonly StoredTurn[],
  move: InterviewerMove,
  clock: InterviewClock,
  budget: number,
): AsyncGenerator<string, Draft, undefined> {
  if (!model) throw noModel();
  const prompt = interviewTurnPrompt(subject, turns, move, clock, { given: answersGiven(turns), budget });
  const filter = markerFilter();
  const stop = new AbortController();
  let raw = '';
  try {
    for await (const piece of model.streamTurn({
      system: prompt.system,
      messages: prompt.messages,
      signal: stop.signal,
    })) {
      raw += piece;
      const shown = filter.push(piece);
      if (shown) yield shown;
      // A model that does not stop is cut: the turn keeps what fits.
      if (raw.length > INTERVIEWER_TURN_MAX * 2) break;
    }
  } finally {
    stop.abort();
  }
  const rest = filter.flush();
  if (rest) yield rest;
  const reply = readInterviewerReply(raw);
  const text = reply.text.slice(0, INTERVIEWER_TURN_MAX).trim();
  if (!text) {
    throw new InterviewerUnavailableError(
      'bad_response',
      `The model answered with an empty turn (model "${model.endpoint.model}").`,
    );
  }
  const closes = reply.closes && modelMayClose(turns, subject.profile.evaluation_dimensions.length);
  return {
    text,
    source: 'model',
    ended_by: move.kind === 'close' ? move.ended_by : closes ? 'interviewer' : null,
  };
}

/**
 * The interviewer's next turn in the participant's session, yielding its words as they come and
 * answering the turn as stored. When the interviewer does not owe a turn (it already asked, or the
 * interview ended), it answers its last turn and calls nothing.
 *
 * How the words are made: a session's first turn decides its source for good: the model when one is set
 * up and answers, else the plan (`interviewPlan`), so a participant is never stuck at the start. On the
 * model, a later failure throws `InterviewerUnavailableError` (the participant's answer is already
 * stored; asking again retries), except a closing, which falls back to the plan's closing words.
 */
export async function* interviewerTurn(
  ctx: InterviewRunContext,
  participantId: string,
  sessionId: string,
): AsyncGenerator<string, StoredTurn, undefined> {
  const snapshot = await loadInterview(ctx, participantId, sessionId);
  const { turns } = snapshot;
  const status = interviewStatus(turns);
  if (status === 'awaiting_participant' || status === 'ended') {
    const last = turns.findLast((t) => t.speaker === 'interviewer');
    if (last) return last;
  }
  const subject = await interviewSubjectFor(ctx, snapshot.stage.id);
  const plan = interviewPlan(subject);
  const clock = clockOf(snapshot.session, snapshot.stage, ctx.now());
  const decided = interviewSource(turns);
  const model = decided === 'plan' ? null : await modelOf(ctx, sessionId);
  const source = decided ?? (model ? 'model' : 'plan');
  const budget = answerBudget(subject.profile, source);
  const move = nextInterviewerMove(turns, budget, clock);
  const planned = (): Draft => ({
    text: plannedTurn(plan, move, answersGiven(turns)),
    source: 'plan',
    ended_by: move.kind === 'close' ? move.ended_by : null,
  });

  let draft: Draft;
  if (source === 'plan') {
    draft = planned();
    yield draft.text;
  } else {
    try {
      draft = yield* modelTurn(model, subject, turns, move, clock, budget);
    } catch (error) {
      if (!(error instanceof InterviewerUnavailableError)) throw error;
      ctx.log?.warn({ session_id: sessionId, reason: error.reason, detail: error.detail }, 'interviewer unavailable');
      if (move.kind === 'ask') throw error;
      // A greeting starts the session on the plan; a closing ends it in the plan's words.
      draft = planned();
    }
  }

  const stored = unwrap(
    await ctx.storage.interviews.append(ctx.workspaceId, participantId, sessionId, ({ loaded, turns: current }) => {
      const result = decideInterviewerTurn(
        { state: loaded.state, session_id: sessionId, turns: current },
        { ...draft, after: turns.length, prompt_version: PROMPT_VERSION },
        ctx.now(),
      );
      if (result instanceof DomainError) return result;
      return { append: result.append, answer: { turn: result.turn, appended: result.append.length > 0 } };
    }),
  );
  // Another request that stored the ending turn first calls the hook itself.
  if (stored.appended && stored.turn.ended_by) await interviewEnded(ctx, sessionId);
  return stored.turn;
}

/**
 * The end hook, after the closing turn is stored. Its failure does not undo the end: it is logged,
 * and the participant finishing the interview runs it again.
 */
export async function interviewEnded(ctx: InterviewRunContext, sessionId: string): Promise<void> {
  try {
    await onInterviewEnded(ctx, sessionId);
  } catch (error) {
    ctx.log?.error({ err: error, session_id: sessionId }, 'recording the end of an interview failed');
  }
}
