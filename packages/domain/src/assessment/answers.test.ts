import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { decidePortalFinish } from '../portal/sessions.ts';
import { Journey, S1, S2, stage, T0, template, types, uuid } from '../progression/test-support.ts';
import type { Question } from '../schemas/question-set.ts';
import {
  type AnswerFacts,
  answersTranscript,
  assessmentInProgress,
  completionTranscript,
  decideAnswerSave,
  decideAnswerSubmit,
  portalAnswers,
  SaveAnswersInput,
} from './answers.ts';

const PARTICIPANT = 'participant:00000000-0000-4000-8000-00000000beef';
const QUESTIONS: Question[] = [
  { id: 'why', prompt: 'Why this role?', max_length: 20 },
  { id: 'plan', prompt: 'Your first 90 days', dimension: 'Communication' },
];
const NONE: AnswerFacts = { answers: [], submission: null };

/** A participant at a written assessment (S1) with two questions, then a panel (S2). */
function atEssay(questions: readonly Question[] = QUESTIONS) {
  const j = Journey.enrolled(
    template([
      stage(S1, 0, { stage_name: 'Essay', stage_type: 'async_assessment', question_set: questions }),
      stage(S2, 1, { stage_name: 'Panel', stage_type: 'manual_review' }),
    ]),
  );
  j.actor = PARTICIPANT;
  return j;
}

/** …whose essay session is under way. */
function answering(questions?: readonly Question[]) {
  const j = atEssay(questions);
  j.run(j.schedule());
  j.run(j.start());
  return j;
}

const save = (answers: { question_id: string; text: string }[]) => SaveAnswersInput.parse({ answers });

describe('who may save answers (docs/rules.md#written-assessments)', () => {
  const cases: [string, (j: Journey) => { sessionId: string; facts?: AnswerFacts }, string, RegExp][] = [
    ['their own session under way', (j) => ({ sessionId: j.lastSession.id }), 'ok', /.*/],
    ['a session that is not theirs', () => ({ sessionId: uuid(0xdead) }), 'NOT_FOUND', /Session .* was not found/],
    [
      'a session already submitted',
      (j) => ({
        sessionId: j.lastSession.id,
        facts: { answers: [], submission: { session_id: j.lastSession.id, submitted_at: T0, questions: QUESTIONS } },
      }),
      'CONFLICT',
      /already submitted/,
    ],
    [
      'a session only booked',
      (j) => {
        j.run(j.fail());
        j.run(j.schedule());
        return { sessionId: j.lastSession.id };
      },
      'CONFLICT',
      /has not started yet/,
    ],
    [
      'a session completed by a reviewer',
      (j) => {
        const id = j.lastSession.id;
        j.actor = 'user:reviewer';
        j.run(j.complete(80));
        return { sessionId: id };
      },
      'CONFLICT',
      /completed; its answers can no longer change|evaluation has ended/,
    ],
    [
      'after withdrawing',
      (j) => {
        const id = j.lastSession.id;
        j.run(j.withdraw());
        return { sessionId: id };
      },
      'CONFLICT',
      /evaluation has ended/,
    ],
  ];
  it.each(cases)('%s: %s', (_, arrange, expected, message) => {
    const j = answering();
    const { sessionId, facts } = arrange(j);
    const result = decideAnswerSave(j.state, sessionId, save([{ question_id: 'why', text: 'Hi' }]), facts ?? NONE, T0);
    if (expected === 'ok') {
      expect(result).toEqual([{ question_id: 'why', text: 'Hi', updated_at: T0 }]);
    } else {
      expect(result).toBeInstanceOf(DomainError);
      expect(result).toMatchObject({ code: expected, message: expect.stringMatching(message) });
    }
  });

  it('a session of a stage that is not a written assessment is refused', () => {
    const j = Journey.enrolled(template([stage(S1, 0, { stage_type: 'manual_review' })]));
    j.run(j.schedule());
    j.run(j.start());
    expect(decideAnswerSave(j.state, j.lastSession.id, save([]), NONE, T0)).toMatchObject({
      code: 'CONFLICT',
      message: 'This session is not a written assessment',
    });
  });
});

describe('answer limits and question ids', () => {
  const cases: [string, { question_id: string; text: string }[], string | null][] = [
    ['a partial save', [{ question_id: 'plan', text: 'Listen first' }], null],
    ['exactly at the limit', [{ question_id: 'why', text: 'x'.repeat(20) }], null],
    [
      'one over the limit',
      [{ question_id: 'why', text: 'x'.repeat(21) }],
      'answers.0.text: the answer to question 1 ("Why this role?") is 21 characters; at most 20',
    ],
    [
      'an unknown question',
      [{ question_id: 'nope', text: 'a' }],
      'answers.0.question_id: this assessment has no such question',
    ],
    [
      'the same question twice',
      [
        { question_id: 'plan', text: 'a' },
        { question_id: 'plan', text: 'b' },
      ],
      'answers.1.question_id: question 2 is answered twice',
    ],
    [
      'no limit given: the general one',
      [{ question_id: 'plan', text: 'y'.repeat(10_001) }],
      'answers.0.text: the answer to question 2 ("Your first 90 days") is 10001 characters; at most 10000',
    ],
  ];
  it.each(cases)('%s', (_, answers, refusal) => {
    const j = answering();
    const result = decideAnswerSave(j.state, j.lastSession.id, save(answers), NONE, T0);
    if (refusal === null) expect(result).not.toBeInstanceOf(DomainError);
    else expect(result).toMatchObject({ code: 'BAD_REQUEST', message: refusal });
  });

  it('every answer at fault is named at once', () => {
    const j = answering();
    const result = decideAnswerSave(
      j.state,
      j.lastSession.id,
      save([
        { question_id: 'why', text: 'x'.repeat(30) },
        { question_id: 'what', text: '' },
      ]),
      NONE,
      T0,
    );
    expect(result).toMatchObject({
      issues: [{ path: ['answers', 0, 'text'] }, { path: ['answers', 1, 'question_id'] }],
    });
  });

  it('an unchanged answer keeps its time; a changed one takes the new time', () => {
    const j = answering();
    const facts: AnswerFacts = { answers: [{ question_id: 'why', text: 'Same', updated_at: T0 }], submission: null };
    const later = '2026-03-02T10:00:00.000Z';
    const result = decideAnswerSave(
      j.state,
      j.lastSession.id,
      save([
        { question_id: 'why', text: 'Same' },
        { question_id: 'plan', text: 'New' },
      ]),
      facts,
      later,
    );
    expect(result).toEqual([{ question_id: 'plan', text: 'New', updated_at: later }]);
  });
});

describe('submitting once', () => {
  it('records participant_submitted_answers as the participant, with the questions as they are now', () => {
    const j = answering();
    const facts: AnswerFacts = { answers: [{ question_id: 'why', text: 'Because', updated_at: T0 }], submission: null };
    const result = decideAnswerSubmit(j.state, j.lastSession.id, facts, j.ctx);
    if (result instanceof DomainError) throw result;
    expect(types(result.events)).toEqual(['participant_submitted_answers']);
    expect(result.events[0]).toMatchObject({
      actor: PARTICIPANT,
      data: { session_id: j.lastSession.id, stage_id: S1, attempt: 1, questions: 2, answered: 1 },
    });
    expect(result.submission).toEqual({ session_id: j.lastSession.id, submitted_at: T0, questions: QUESTIONS });
  });

  it('a second submit is a CONFLICT', () => {
    const j = answering();
    const facts: AnswerFacts = {
      answers: [],
      submission: { session_id: j.lastSession.id, submitted_at: T0, questions: QUESTIONS },
    };
    expect(decideAnswerSubmit(j.state, j.lastSession.id, facts, j.ctx)).toMatchObject({ code: 'CONFLICT' });
  });

  it('finishing instead is refused while the assessment has questions; without questions it still finishes', () => {
    const j = answering();
    expect(decidePortalFinish(j.state, j.lastSession.id, j.ctx)).toMatchObject({
      code: 'CONFLICT',
      message: 'This assessment ends when you submit your answers',
    });
    const bare = answering([]);
    const finished = decidePortalFinish(bare.state, bare.lastSession.id, bare.ctx);
    if (finished instanceof DomainError) throw finished;
    expect(types(finished)).toEqual(['participant_finished_session']);
  });

  it('an assessment without questions has nothing to submit', () => {
    const j = answering([]);
    expect(decideAnswerSubmit(j.state, j.lastSession.id, NONE, j.ctx)).toMatchObject({
      code: 'CONFLICT',
      message: 'This assessment has no questions to answer',
    });
  });
});

describe('what the participant sees', () => {
  it('the questions in order with their saved answers, without dimensions; editable while under way', () => {
    const j = answering();
    const facts: AnswerFacts = { answers: [{ question_id: 'plan', text: 'Listen', updated_at: T0 }], submission: null };
    expect(portalAnswers(j.state, j.lastSession.id, facts)).toEqual({
      stage_name: 'Essay',
      editable: true,
      submitted: false,
      submitted_at: null,
      questions: [
        { id: 'why', number: 1, prompt: 'Why this role?', max_length: 20, text: '', updated_at: null },
        { id: 'plan', number: 2, prompt: 'Your first 90 days', max_length: 10_000, text: 'Listen', updated_at: T0 },
      ],
    });
  });

  it('once submitted: the questions as submitted, even when the stage changed since, and not editable', () => {
    const j = answering();
    const submission = { session_id: j.lastSession.id, submitted_at: T0, questions: QUESTIONS };
    j.editStage(S1, { question_set: [{ id: 'new', prompt: 'Another' }] });
    const view = portalAnswers(j.state, j.lastSession.id, { answers: [], submission });
    expect(view).toMatchObject({ editable: false, submitted: true, submitted_at: T0 });
    expect(view instanceof DomainError ? [] : view.questions.map((q) => q.id)).toEqual(['why', 'plan']);
  });

  it('another participant’s session is NOT_FOUND', () => {
    const j = answering();
    expect(portalAnswers(j.state, uuid(0xbad), NONE)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the portal links to the session under way at a written assessment with questions, and only then', () => {
    const j = atEssay();
    expect(assessmentInProgress(j.state)).toBeUndefined();
    j.run(j.schedule());
    expect(assessmentInProgress(j.state)).toBeUndefined();
    j.run(j.start());
    expect(assessmentInProgress(j.state)).toBe(j.lastSession.id);
    expect(assessmentInProgress(answering([]).state)).toBeUndefined();
  });
});

describe('answers become the transcript', () => {
  const submission = { session_id: uuid(9), submitted_at: '2026-03-02T11:00:00.000Z', questions: QUESTIONS };
  const answers = [{ question_id: 'why', text: 'Because', updated_at: T0 }];

  it('each question, then its answer; an unanswered question has no answer entry', () => {
    expect(answersTranscript(submission, answers)).toEqual([
      { speaker: 'Question 1', text: 'Why this role?', at: submission.submitted_at },
      { speaker: 'Participant', text: 'Because', at: T0 },
      { speaker: 'Question 2', text: 'Your first 90 days', at: submission.submitted_at },
    ]);
  });

  const fromAnswers = answersTranscript(submission, answers);
  const given = [{ speaker: 'Reviewer', text: 'Notes', at: T0 }];
  it.each([
    ['the reviewer’s own transcript wins', given, fromAnswers, given],
    ['none given: the answers', undefined, fromAnswers, fromAnswers],
    ['an empty one given: the answers', [], fromAnswers, fromAnswers],
    ['no answers and none given: nothing', undefined, null, undefined],
  ])('%s', (_, g, a, expected) => {
    expect(completionTranscript(g, a)).toEqual(expected);
  });
});
