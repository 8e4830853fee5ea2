import type { AnswersChange, AnswersFacts } from '@stageflow/db';
import {
  DomainError,
  decideAnswerSave,
  decideAnswerSubmit,
  evolveParticipant,
  notFound,
  type PortalAnswers,
  portalAnswers,
  type SaveAnswersInput,
  type SessionAnswers,
  sessionAnswers,
  unwrap,
} from '@stageflow/domain';
import { type AppContext, decideContext } from './context.ts';

/**
 * A written assessment's answers (docs/rules.md#written-assessments): the participant reads, saves and
 * submits them from their portal; staff read the submitted ones, and completing the session keeps
 * them as its transcript (session-transcript.ts). The rules are the domain's; this layer loads, asks and stores.
 */

/** The participant's own assessment session with its questions and answers (NOT_FOUND when not theirs). */
export async function readPortalAnswers(
  ctx: AppContext,
  participantId: string,
  sessionId: string,
): Promise<PortalAnswers> {
  const loaded = await ctx.reads.participants.load.participant(ctx.workspaceId, participantId);
  if (!loaded) throw notFound('Session', sessionId);
  return unwrap(portalAnswers(loaded.state, sessionId, await ctx.reads.answers.forSession(ctx.workspaceId, sessionId)));
}

async function changeAnswers(
  ctx: AppContext,
  participantId: string,
  sessionId: string,
  step: (facts: AnswersFacts) => AnswersChange<PortalAnswers> | DomainError,
): Promise<PortalAnswers> {
  return unwrap(await ctx.storage.answers.change(ctx.workspaceId, participantId, sessionId, step));
}

/** Saves some or all answers as drafts; answers with the view afterwards. */
export function savePortalAnswers(
  ctx: AppContext,
  participantId: string,
  sessionId: string,
  input: SaveAnswersInput,
): Promise<PortalAnswers> {
  const now = ctx.now();
  return changeAnswers(ctx, participantId, sessionId, ({ loaded, answers, submission }) => {
    const save = decideAnswerSave(loaded.state, sessionId, input, { answers, submission }, now);
    if (save instanceof DomainError) return save;
    const saved = new Map([...answers, ...save].map((a) => [a.question_id, a]));
    const view = portalAnswers(loaded.state, sessionId, { answers: [...saved.values()], submission });
    if (view instanceof DomainError) return view;
    return { save, submission: null, state: loaded.state, emitted: [], answer: view };
  });
}

/** Submits the answers, once (`participant_submitted_answers`); answers with the view afterwards. */
export function submitPortalAnswers(ctx: AppContext, participantId: string, sessionId: string): Promise<PortalAnswers> {
  const dc = decideContext(ctx);
  return changeAnswers(ctx, participantId, sessionId, ({ loaded, answers, submission }) => {
    const submitted = decideAnswerSubmit(loaded.state, sessionId, { answers, submission }, dc);
    if (submitted instanceof DomainError) return submitted;
    const folded = submitted.events.reduce(evolveParticipant, loaded.state);
    // As every command that changed something, it moves the participant's updated_at (boards sort by it).
    const state = folded.participant
      ? { ...folded, participant: { ...folded.participant, updated_at: dc.now } }
      : folded;
    const view = portalAnswers(state, sessionId, { answers, submission: submitted.submission });
    if (view instanceof DomainError) return view;
    return { save: [], submission: submitted.submission, state, emitted: submitted.events, answer: view };
  });
}

/** A session's submitted answers for staff (NOT_FOUND when the session is not the workspace's). */
export async function readSessionAnswers(ctx: AppContext, sessionId: string): Promise<SessionAnswers> {
  if (!(await ctx.reads.participants.participantOfSession(ctx.workspaceId, sessionId))) {
    throw notFound('Session', sessionId);
  }
  return sessionAnswers(sessionId, await ctx.reads.answers.forSession(ctx.workspaceId, sessionId));
}
