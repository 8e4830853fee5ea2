import { z } from 'zod';
import { DomainError, type FieldIssue, notFound, participantConflict } from '../errors.ts';
import { en } from '../portal/copy/en.ts';
import { type ParticipantRefusal, type PlainRefusalKey, refusal, refusalWords } from '../portal/copy/refusal.ts';
import type { DecideContext } from '../progression/commands.ts';
import { emitter } from '../progression/emit.ts';
import type { Session } from '../progression/entities.ts';
import type { ParticipantEvent } from '../progression/events.ts';
import type { TranscriptEntry } from '../progression/scorecard.ts';
import type { ParticipantState, ProgressionStage } from '../progression/state.ts';
import { AnswerText, answerLimit, MAX_QUESTIONS, type Question } from '../schemas/question-set.ts';

/**
 * A participant's answers to a written assessment (docs/rules.md#written-assessments): drafts saved as
 * they type, submitted once, then the session's transcript. Pure: the caller loads the participant,
 * their saved answers and the submission (if any), and stores what these functions return.
 */

/** A refusal written for the participant: the same words for staff (in English) and for them (in theirs). */
const refuse = (key: PlainRefusalKey) => participantConflict(refusal(key));

/** One saved answer (a draft until the session's answers are submitted). */
export interface SavedAnswer {
  readonly question_id: string;
  readonly text: string;
  readonly updated_at: string;
}

/** The submission of a session's answers: when, and the questions as they were then. */
export interface AnswerSubmission {
  readonly session_id: string;
  readonly submitted_at: string;
  /** The stage's questions when the participant submitted: later edits to the stage do not change them. */
  readonly questions: readonly Question[];
}

/** What the storage loads for an answers command, besides the participant. */
export interface AnswerFacts {
  readonly answers: readonly SavedAnswer[];
  readonly submission: AnswerSubmission | null;
}

export const SaveAnswersInput = z.strictObject({
  /** Some or all of the questions: a partial save keeps the other answers as they were. */
  answers: z.array(z.strictObject({ question_id: z.string().min(1).max(64), text: AnswerText })).max(MAX_QUESTIONS),
});
export type SaveAnswersInput = z.infer<typeof SaveAnswersInput>;

interface Answerable {
  readonly participant_id: string;
  readonly session: Session;
  readonly stage: ProgressionStage;
  readonly questions: readonly Question[];
}

/** The participant's own session of a written assessment, or NOT_FOUND (unknown, or someone else's). */
function ownAssessment(
  state: ParticipantState,
  sessionId: string,
): { session: Session; stage: ProgressionStage } | DomainError {
  const participant = state.participant;
  const session = state.sessions.find((s) => s.id === sessionId && s.participant_id === participant?.id);
  if (!participant || !session) return notFound('Session', sessionId);
  const stage = state.template.stages.find((s) => s.id === session.stage_id);
  if (stage?.stage_type !== 'async_assessment') return refuse('notAssessment');
  return { session, stage };
}

/**
 * Who may change answers: the participant, while active, on their own in-progress session of a
 * written assessment whose answers they have not submitted yet. Each refusal says why in plain words.
 */
function answerable(state: ParticipantState, sessionId: string, facts: AnswerFacts): Answerable | DomainError {
  const own = ownAssessment(state, sessionId);
  if (own instanceof DomainError) return own;
  if (facts.submission) return refuse('alreadySubmitted');
  if (state.participant?.status !== 'active') return refuse('answersEnded');
  if (own.session.status === 'scheduled') return refuse('notStarted');
  if (own.session.status !== 'in_progress') {
    return participantConflict(refusal('answersClosed', own.session.status));
  }
  return {
    participant_id: state.participant.id,
    session: own.session,
    stage: own.stage,
    questions: own.stage.question_set ?? [],
  };
}

/** A field issue the participant's own form meets: English for the message, theirs for the portal. */
const issue = (path: (string | number)[], said: ParticipantRefusal): FieldIssue => ({
  path,
  message: refusalWords(said, en),
  participant: said,
});

/** A prompt short enough to name a question in a message. */
const shortPrompt = (prompt: string) => (prompt.length > 60 ? `${prompt.slice(0, 57)}…` : prompt);

/**
 * Saves some answers. Each must name a question of the stage, once, within that question's length
 * limit; a refusal names every answer at fault (`answers.<i>.question_id` / `answers.<i>.text`) and the
 * question by its number and prompt. Answers whose text did not change keep their time.
 */
export function decideAnswerSave(
  state: ParticipantState,
  sessionId: string,
  input: SaveAnswersInput,
  facts: AnswerFacts,
  now: string,
): SavedAnswer[] | DomainError {
  const target = answerable(state, sessionId, facts);
  if (target instanceof DomainError) return target;
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.answers.forEach((a, i) => {
    const index = target.questions.findIndex((q) => q.id === a.question_id);
    const question = target.questions[index];
    if (!question) {
      issues.push(issue(['answers', i, 'question_id'], refusal('answerNoSuchQuestion')));
      return;
    }
    if (seen.has(a.question_id)) {
      issues.push(issue(['answers', i, 'question_id'], refusal('answerTwice', index + 1)));
    }
    seen.add(a.question_id);
    const limit = answerLimit(question);
    if (a.text.length > limit) {
      issues.push(
        issue(
          ['answers', i, 'text'],
          refusal('answerTooLong', index + 1, shortPrompt(question.prompt), a.text.length, limit),
        ),
      );
    }
  });
  if (issues.length > 0) {
    return new DomainError('BAD_REQUEST', issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '), issues);
  }
  const before = new Map(facts.answers.map((a) => [a.question_id, a]));
  return input.answers
    .filter((a) => before.get(a.question_id)?.text !== a.text)
    .map((a) => ({ question_id: a.question_id, text: a.text, updated_at: now }));
}

/**
 * Submits the answers, once: a second submission is a CONFLICT. It freezes the answers, keeps the
 * questions as they are now, and records `participant_submitted_answers` with the participant as
 * actor. Like finishing (docs/rules.md#sessions-a-participant-starts) it scores nothing: the session
 * stays in progress until a reviewer completes it, and the stage's automation rule applies then.
 */
export function decideAnswerSubmit(
  state: ParticipantState,
  sessionId: string,
  facts: AnswerFacts,
  ctx: DecideContext,
): { submission: AnswerSubmission; events: ParticipantEvent[] } | DomainError {
  const target = answerable(state, sessionId, facts);
  if (target instanceof DomainError) return target;
  if (target.questions.length === 0) return refuse('noQuestions');
  const answered = target.questions.filter((q) =>
    facts.answers.some((a) => a.question_id === q.id && a.text.trim() !== ''),
  ).length;
  const submission: AnswerSubmission = { session_id: sessionId, submitted_at: ctx.now, questions: target.questions };
  const event = emitter(target.participant_id, ctx)('participant_submitted_answers', {
    session_id: sessionId,
    stage_id: target.stage.id,
    attempt: target.session.attempt,
    questions: target.questions.length,
    answered,
  });
  return { submission, events: [event] };
}

/** One question with the participant's answer, as the portal and the reviewer see it. */
export interface AnsweredQuestion extends Question {
  readonly number: number;
  /** The longest answer accepted. */
  readonly limit: number;
  /** `""` when not answered. */
  readonly text: string;
  readonly updated_at: string | null;
}

/**
 * The questions in order with their answers: the submitted questions once submitted, the stage's
 * current ones before. An answer to a question no longer in the set is not shown.
 */
export function answeredQuestions(questions: readonly Question[], answers: readonly SavedAnswer[]): AnsweredQuestion[] {
  const byQuestion = new Map(answers.map((a) => [a.question_id, a]));
  return questions.map((q, i) => ({
    ...q,
    number: i + 1,
    limit: answerLimit(q),
    text: byQuestion.get(q.id)?.text ?? '',
    updated_at: byQuestion.get(q.id)?.updated_at ?? null,
  }));
}

/** What the participant sees of one session's answers (`GET /api/portal/v1/sessions/{id}/answers`). */
export const PortalAnswers = z.object({
  stage_name: z.string(),
  /** Whether the answers can still be saved now (the session is under way and not submitted). */
  editable: z.boolean(),
  submitted: z.boolean(),
  submitted_at: z.string().nullable(),
  questions: z.array(
    z.object({
      id: z.string(),
      number: z.int().min(1),
      prompt: z.string(),
      /** The longest answer accepted, in characters. */
      max_length: z.int().min(1),
      text: z.string(),
      updated_at: z.string().nullable(),
    }),
  ),
});
export type PortalAnswers = z.infer<typeof PortalAnswers>;

/**
 * The participant's own assessment session with its questions and answers, or NOT_FOUND for a
 * session that is not theirs. The question's dimension is for the reviewers and is left out.
 */
export function portalAnswers(
  state: ParticipantState,
  sessionId: string,
  facts: AnswerFacts,
): PortalAnswers | DomainError {
  const own = ownAssessment(state, sessionId);
  if (own instanceof DomainError) return own;
  const questions = facts.submission?.questions ?? own.stage.question_set ?? [];
  return {
    stage_name: own.stage.stage_name,
    editable: !(answerable(state, sessionId, facts) instanceof DomainError),
    submitted: facts.submission !== null,
    submitted_at: facts.submission?.submitted_at ?? null,
    questions: answeredQuestions(questions, facts.answers).map((q) => ({
      id: q.id,
      number: q.number,
      prompt: q.prompt,
      max_length: q.limit,
      text: q.text,
      updated_at: q.updated_at,
    })),
  };
}

/**
 * The session where the participant answers now: their in-progress session at their current stage,
 * when that stage is a written assessment with questions. The portal links to it.
 */
export function assessmentInProgress(state: ParticipantState): string | undefined {
  const participant = state.participant;
  if (participant?.status !== 'active' || !participant.current_stage_id) return undefined;
  const stage = state.template.stages.find((s) => s.id === participant.current_stage_id);
  if (stage?.stage_type !== 'async_assessment' || (stage.question_set ?? []).length === 0) return undefined;
  return state.sessions.find((s) => s.stage_id === stage.id && s.status === 'in_progress')?.id;
}

/** Who speaks in a transcript made from answers. */
export const ANSWER_SPEAKERS = { question: 'Question', answer: 'Participant' } as const;

/**
 * Submitted answers as a scorecard transcript: each question (at the submission's time), then its
 * answer (at the time it was last saved). Unanswered questions keep their prompt and have no answer.
 */
export function answersTranscript(submission: AnswerSubmission, answers: readonly SavedAnswer[]): TranscriptEntry[] {
  return answeredQuestions(submission.questions, answers).flatMap((q) => [
    { speaker: `${ANSWER_SPEAKERS.question} ${q.number}`, text: q.prompt, at: submission.submitted_at },
    ...(q.text.trim() === ''
      ? []
      : [{ speaker: ANSWER_SPEAKERS.answer, text: q.text, at: q.updated_at ?? submission.submitted_at }]),
  ]);
}

/**
 * The transcript a completed session keeps: the reviewer's when they give one, else what the participant
 * gave (`fromParticipant`: the interview's turns or the submitted answers; `null` when neither), else nothing.
 */
export function completionTranscript(
  given: readonly TranscriptEntry[] | undefined,
  fromParticipant: readonly TranscriptEntry[] | null,
): TranscriptEntry[] | undefined {
  if (given && given.length > 0) return [...given];
  return fromParticipant && fromParticipant.length > 0 ? [...fromParticipant] : given && [...given];
}

/**
 * A session's answers as staff see them (`sessions.answers`): once submitted, every question as it was
 * then, with its dimension and the participant's answer. Drafts stay the participant's until they
 * submit, so before that `submitted_at` is null and there are no questions.
 */
export const SessionAnswers = z.object({
  session_id: z.string(),
  submitted_at: z.string().nullable(),
  questions: z.array(
    z.object({
      id: z.string(),
      number: z.int().min(1),
      prompt: z.string(),
      /** The interviewer dimension the answer informs, if the question names one. */
      dimension: z.string().nullable(),
      /** `""` when the participant left it unanswered. */
      text: z.string(),
    }),
  ),
});
export type SessionAnswers = z.infer<typeof SessionAnswers>;

export function sessionAnswers(sessionId: string, facts: AnswerFacts): SessionAnswers {
  if (!facts.submission) return { session_id: sessionId, submitted_at: null, questions: [] };
  return {
    session_id: sessionId,
    submitted_at: facts.submission.submitted_at,
    questions: answeredQuestions(facts.submission.questions, facts.answers).map((q) => ({
      id: q.id,
      number: q.number,
      prompt: q.prompt,
      dimension: q.dimension ?? null,
      text: q.text,
    })),
  };
}
