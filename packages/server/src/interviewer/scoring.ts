import {
  conflict,
  DomainError,
  interviewerScoringRefusal,
  isInterviewedStage,
  type ModelScorecard,
  type ModelScorer,
  modelCompletion,
  modelScorecardSchema,
  notFound,
  type ParticipantState,
  participantTexts,
  type ScoringReport,
  type Session,
  scoringPrompt,
  scoringRecord,
  type TranscriptEntry,
  unwrap,
} from '@stageflow/domain';
import { type AppContext, decideContext } from '../application/context.ts';
import { interviewerModelFor } from '../application/interviewer-model.ts';
import { runParticipantCommand, sessionTarget } from '../application/participant-commands.ts';
import { participantTranscript } from '../application/session-transcript.ts';
import type { Logger } from '../logger.ts';
import type { InterviewerDeps } from './deps.ts';
import { InterviewerUnavailableError } from './failures.ts';
import type { InterviewerModel } from './model.ts';

/**
 * The interviewer scores a session (docs/rules.md#scoring-with-evidence): the session's record goes
 * to the workspace's model with the scoring prompt, the answer comes back as a scorecard with quotes,
 * and the complete command checks every quote against what the participant said before the
 * stage's rules act on it, exactly as on a reviewer's result. Nothing here invents a score: when
 * there is no model, or it fails, the session stays as it was, waiting for a reviewer.
 */

export type ScoringContext = AppContext & {
  readonly interviewer: InterviewerDeps;
  /** Where a failed scoring is logged for the operator (never with the prompt or a key). */
  readonly log?: Pick<Logger, 'warn'> | undefined;
};

export interface ScoreOptions {
  /**
   * The model to score with instead of the workspace's: demo data replays recorded answers this way.
   * `null`: as if no model were set up.
   */
  readonly model?: InterviewerModel | null;
  readonly signal?: AbortSignal;
}

/** What scoring did, and where the session and its participant stand afterwards. */
export interface ScoringResult {
  readonly scoring: ScoringReport;
  readonly session: Session;
  readonly state: ParticipantState;
}

/**
 * Scores a session from its record: what the participant gave there, handed over by whoever has it
 * (the interview runner when an interview ends, a written assessment's submission, `scoreSession`).
 *
 * Contract:
 * - `transcript` is the session's record as stored (docs/entities.md#scorecard), in order: `speaker` is
 *   `participant` for the participant's turns (their name also counts) and anything else for the
 *   interviewer's; only the participant's turns can back a score. It is not stored again: the interview's
 *   turns and the submitted answers are the one store, and the scorecard keeps what was scored.
 * - The session must be open (scheduled or in progress) at a stage whose interviewer scores, and
 *   completable now; otherwise the complete command's refusal (`CONFLICT`, `NOT_FOUND`, …) is thrown.
 *   A record without a word from the participant is a `CONFLICT`.
 * - No model set up: answers `not_scored` (`not_configured`) and records nothing; the session waits
 *   for a reviewer (`sessions.awaitingScore`). The model failing (unreachable, refused, too slow,
 *   malformed JSON twice, …): answers `not_scored` with the reason and records `scoring_failed` with it
 *   in plain words.
 * - Scored: the session is completed through the complete command with the model's scores, and the
 *   stage's rules apply (a dimension without a verified quote opens a `scorecard_needs_review`
 *   decision instead of moving anyone).
 * - Events are recorded with `ctx.actor`: `system` when the participant finished, the staff member or
 *   API key who asked.
 */
export async function scoreTranscript(
  ctx: ScoringContext,
  sessionId: string,
  transcript: readonly TranscriptEntry[],
  options: ScoreOptions = {},
): Promise<ScoringResult> {
  return scoreScorable(ctx, await scorable(ctx, sessionId, transcript), options);
}

/**
 * Scores a session from what is stored of it (`participantTranscript`: the interview's turns or the
 * submitted answers): "Score with the interviewer" on the participant page, `POST /sessions/{session_id}/score`.
 * With nothing stored, a `CONFLICT`: there is nothing to score, and a reviewer records the result.
 */
export async function scoreSession(
  ctx: ScoringContext,
  sessionId: string,
  options: ScoreOptions = {},
): Promise<ScoringResult> {
  await sessionTarget(ctx, sessionId); // NOT_FOUND first, for a session that is not the workspace's
  const record = await participantTranscript(ctx, sessionId);
  if (!record) {
    throw conflict(
      `session ${sessionId} has nothing to score: no interview turns or submitted answers are stored for it; record its result yourself`,
    );
  }
  return scoreTranscript(ctx, sessionId, record, options);
}

/**
 * The participant is done with a session (its interview ended, or they submitted their answers): the
 * interviewer scores what they gave, as the system. Answers what scoring did, or null when it could
 * not start (nothing stored, nothing the participant said, the session no longer open, a stage without
 * an interviewer): then, as without a model, the session waits for a reviewer to score it beside the
 * record. A refusal here is the rules saying "not by the model", never an error for the participant.
 */
export async function scoreWhenDone(
  ctx: ScoringContext,
  sessionId: string,
  options: ScoreOptions = {},
): Promise<ScoringReport | null> {
  const record = await participantTranscript(ctx, sessionId);
  if (!record) return null;
  try {
    return (await scoreTranscript({ ...ctx, actor: SYSTEM_ACTOR }, sessionId, record, options)).scoring;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.log?.warn({ session_id: sessionId, refusal: error.message }, 'the interviewer did not score a session');
    return null;
  }
}

/** What the rules do by themselves is recorded as `system` (docs/rules.md#completion-table). */
const SYSTEM_ACTOR = 'system';

/** The model server's host and port as the scorecard names it: never the path, credentials or a key. */
export const providerHost = (baseUrl: string) => new URL(baseUrl).host;

/**
 * What scoring needs, or the refusal that says why this record cannot be scored now: the session the
 * complete command would take, at a stage whose interviewer scores, and words from the participant.
 */
async function scorable(ctx: ScoringContext, sessionId: string, transcript: readonly TranscriptEntry[]) {
  const target = await sessionTarget(ctx, sessionId);
  const loaded = await ctx.reads.participants.load.participant(ctx.workspaceId, target.participantId);
  if (!loaded) throw notFound('Participant', target.participantId);
  const { state } = loaded;
  const refusal = interviewerScoringRefusal(state, sessionId, decideContext(ctx));
  if (refusal) throw refusal;
  const participantName = state.participant?.name ?? null;
  if (participantTexts(transcript, participantName).length === 0) {
    throw conflict(
      `session ${sessionId}'s record has no words from the participant: there is nothing to score; record its result yourself`,
    );
  }
  return { sessionId, transcript, target, state, participantName, subject: await loadSubject(ctx, state, sessionId) };
}

type Scorable = Awaited<ReturnType<typeof scorable>>;

/** Asks the model, once the record is known to be scorable, and completes the session with its answer. */
async function scoreScorable(
  ctx: ScoringContext,
  { sessionId, transcript, target, state, participantName, subject }: Scorable,
  options: ScoreOptions,
): Promise<ScoringResult> {
  let model: InterviewerModel | null;
  try {
    model = options.model !== undefined ? options.model : await interviewerModelFor(ctx);
  } catch (error) {
    if (error instanceof InterviewerUnavailableError) return failed(ctx, sessionId, error);
    throw error;
  }
  if (!model) {
    return {
      scoring: {
        status: 'not_scored',
        reason: 'not_configured',
        message: 'No interviewer model is set up, so nothing was scored: the session waits for a reviewer.',
      },
      session: sessionOf(state, sessionId),
      state,
    };
  }

  const prompt = scoringPrompt(subject, scoringRecord(transcript, participantName));
  let answer: ModelScorecard;
  try {
    answer = await model.structured({
      system: prompt.system,
      prompt: prompt.prompt,
      schema: modelScorecardSchema(subject.profile),
      name: 'scorecard',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof InterviewerUnavailableError) return failed(ctx, sessionId, error);
    throw error;
  }

  const scored_by: ModelScorer = {
    kind: 'model',
    model: model.endpoint.model,
    provider_host: providerHost(model.endpoint.baseUrl),
    prompt_version: prompt.version,
  };
  return runParticipantCommand(
    ctx,
    target,
    { type: 'complete', session_id: sessionId, ...modelCompletion(answer, transcript, scored_by) },
    (result): ScoringResult => {
      const session = sessionOf(result.state, sessionId);
      const dropped = (session.scorecard?.dimension_scores ?? []).reduce((n, d) => n + d.evidence_dropped, 0);
      return {
        scoring: { status: 'scored', needs_review: session.scorecard?.needs_review ?? false, quotes_dropped: dropped },
        session,
        state: result.state,
      };
    },
  );
}

/** No score: the failure is recorded for staff in plain words, and the session waits as it was. */
async function failed(
  ctx: ScoringContext,
  sessionId: string,
  error: InterviewerUnavailableError,
): Promise<ScoringResult> {
  ctx.log?.warn({ session_id: sessionId, reason: error.reason }, 'the interviewer could not score a session');
  return runParticipantCommand(
    ctx,
    await sessionTarget(ctx, sessionId),
    { type: 'note_scoring_failed', session_id: sessionId, reason: error.reason, message: error.detail },
    (result): ScoringResult => ({
      scoring: { status: 'not_scored', reason: error.reason, message: error.detail },
      session: sessionOf(result.state, sessionId),
      state: result.state,
    }),
  );
}

const sessionOf = (state: ParticipantState, sessionId: string): Session =>
  unwrap(state.sessions.find((s) => s.id === sessionId) ?? notFound('Session', sessionId));

/** What the scoring prompt is built from: the stage's interviewer, the template and the stage, as stored. */
async function loadSubject(ctx: ScoringContext, state: ParticipantState, sessionId: string) {
  const session = sessionOf(state, sessionId);
  const stage = await ctx.reads.stages.byId(ctx.workspaceId, session.stage_id);
  const template = await ctx.reads.templates.byId(ctx.workspaceId, state.template.id);
  const profile =
    stage?.agent_profile_id && (await ctx.reads.agentProfiles.byId(ctx.workspaceId, stage.agent_profile_id));
  if (!stage || !template || !profile || !isInterviewedStage(stage.stage_type)) {
    throw conflict(`session ${sessionId}'s stage has no interviewer to score it`);
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
