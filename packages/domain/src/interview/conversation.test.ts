import { describe, expect, it } from 'vitest';
import { interviewPlan } from '../interviewer/plan.ts';
import { subject } from '../interviewer/test-subject.ts';
import {
  answerBudget,
  answersGiven,
  END_MARKER,
  type InterviewClock,
  interviewClock,
  interviewEndedBy,
  interviewSource,
  interviewStatus,
  markerFilter,
  modelMayClose,
  nextInterviewerMove,
  plannedTurn,
  readInterviewerReply,
} from './conversation.ts';
import type { StoredTurn } from './turns.ts';

const T0 = '2026-03-02T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** A conversation from a script: `i` an interviewer turn, `p` a participant's, `i!` one that ended it. */
function conversation(script: string, source: 'model' | 'plan' = 'model'): StoredTurn[] {
  return script
    .split(' ')
    .filter(Boolean)
    .map((step, index) => ({
      index,
      speaker: step.startsWith('i') ? ('interviewer' as const) : ('participant' as const),
      text: `turn ${index}`,
      at: T0,
      source: step.startsWith('i') ? source : null,
      prompt_version: step.startsWith('i') ? 'v' : null,
      ended_by: step === 'i!' ? ('interviewer' as const) : null,
      client_key: null,
    }));
}

const TIME_LEFT: InterviewClock = { ends_at: at(45), seconds_left: 1200 };
const NO_TIME: InterviewClock = { ends_at: at(45), seconds_left: 0 };

describe('where a conversation stands (docs/rules.md#the-interview)', () => {
  it.each([
    ['', 'not_started', 0, null],
    ['i', 'awaiting_participant', 0, null],
    ['i p', 'awaiting_interviewer', 1, null],
    ['i p i p i', 'awaiting_participant', 2, null],
    ['i p i!', 'ended', 1, 'interviewer'],
  ] as const)('%j: %s after %i answers, ended by %s', (script, status, answers, endedBy) => {
    const turns = conversation(script);
    expect(interviewStatus(turns)).toBe(status);
    expect(answersGiven(turns)).toBe(answers);
    expect(interviewEndedBy(turns)).toBe(endedBy);
  });

  it('the first interviewer turn decides the source for the whole session', () => {
    expect(interviewSource([])).toBeNull();
    expect(interviewSource(conversation('i p', 'plan'))).toBe('plan');
    const mixed = [...conversation('i p', 'model'), ...conversation('i', 'plan').map((t) => ({ ...t, index: 2 }))];
    expect(interviewSource(mixed)).toBe('model');
  });
});

describe('the clock: the session’s start plus the stage’s duration, on the server’s time', () => {
  it.each([
    [0, 45 * 60],
    [44.5, 30],
    [45, 0],
    [90, 0],
  ])('%i minutes in: %i seconds left', (minutes, left) => {
    expect(interviewClock(T0, 45, at(minutes))).toEqual({ ends_at: at(45), seconds_left: left });
  });
});

describe('how many answers an interview takes, and the next move', () => {
  const profile = subject('ai_interview').profile; // three dimensions, probing high

  it.each([
    ['low', 'model', 6],
    ['medium', 'model', 9],
    ['high', 'model', 12],
    ['high', 'plan', 3],
  ] as const)('probing %s on the %s: %i answers at most', (probing_depth, source, budget) => {
    expect(answerBudget({ ...profile, interaction: { ...profile.interaction, probing_depth } }, source)).toBe(budget);
  });

  it.each([
    ['an empty conversation is greeted', '', 3, TIME_LEFT, { kind: 'greet' }],
    ['an answer gets the next question', 'i p', 3, TIME_LEFT, { kind: 'ask' }],
    ['the last answer the plan allows: close', 'i p i p i p', 3, TIME_LEFT, { kind: 'close', ended_by: 'interviewer' }],
    ['time spent: close, whatever is left', 'i p', 3, NO_TIME, { kind: 'close', ended_by: 'time' }],
    ['time spent before the greeting: close at once', '', 3, NO_TIME, { kind: 'close', ended_by: 'time' }],
  ] as const)('%s', (_, script, budget, clock, move) => {
    expect(nextInterviewerMove(conversation(script), budget, clock)).toEqual(move);
  });

  it('a model may close only once every dimension has had an answer', () => {
    expect(modelMayClose(conversation('i p i p'), 3)).toBe(false);
    expect(modelMayClose(conversation('i p i p i p'), 3)).toBe(true);
  });
});

describe('the closing marker', () => {
  it.each([
    [`Thank you for your time.\n${END_MARKER}`, 'Thank you for your time.', true],
    ['Thank you. [[ end ]]', 'Thank you.', true],
    ['Tell me about a system you built.', 'Tell me about a system you built.', false],
    ['See [1] and [[not a marker]].', 'See [1] and [[not a marker]].', false],
    [END_MARKER, '', true],
  ])('%j → %j, closes: %s', (raw, text, closes) => {
    expect(readInterviewerReply(raw)).toEqual({ text, closes });
  });

  it('never shows the marker while streaming, even split across pieces', () => {
    const filter = markerFilter();
    const pieces = ['Thank you', ' for your time. [', '[EN', 'D', ']]'];
    const shown = pieces.map((p) => filter.push(p)).join('') + filter.flush();
    expect(shown).toBe('Thank you for your time. ');
  });

  it('lets through brackets that turn out not to be a marker', () => {
    const filter = markerFilter();
    const shown = ['Options [', 'a] or [', '[b]]', ' ['].map((p) => filter.push(p)).join('') + filter.flush();
    expect(shown).toBe('Options [a] or [[b]] [');
  });
});

describe('the plan’s words for each move (no model)', () => {
  const plan = interviewPlan(subject('ai_interview'));

  it('greets with the first question, asks one question per dimension, then closes', () => {
    expect(plannedTurn(plan, { kind: 'greet' }, 0)).toBe(`${plan.greeting}\n\n${plan.questions[0]!.question}`);
    expect(plannedTurn(plan, { kind: 'ask' }, 1)).toBe(plan.questions[1]!.question);
    expect(plannedTurn(plan, { kind: 'ask' }, 2)).toBe(plan.questions[2]!.question);
    expect(plannedTurn(plan, { kind: 'close', ended_by: 'interviewer' }, 3)).toBe(plan.closing);
    expect(plannedTurn(plan, { kind: 'close', ended_by: 'time' }, 1)).toBe(plan.closing);
  });

  it('walks the whole plan: one question per dimension, and the closing ends it', () => {
    const turns: Pick<StoredTurn, 'speaker' | 'ended_by'>[] = [];
    const said: string[] = [];
    const budget = answerBudget(subject('ai_interview').profile, 'plan');
    for (let step = 0; step < 20 && interviewStatus(turns) !== 'ended'; step++) {
      const move = nextInterviewerMove(turns, budget, TIME_LEFT);
      said.push(plannedTurn(plan, move, answersGiven(turns)));
      turns.push({ speaker: 'interviewer', ended_by: move.kind === 'close' ? move.ended_by : null });
      if (move.kind !== 'close') turns.push({ speaker: 'participant', ended_by: null });
    }
    expect(said).toEqual([
      `${plan.greeting}\n\n${plan.questions[0]!.question}`,
      plan.questions[1]!.question,
      plan.questions[2]!.question,
      plan.closing,
    ]);
    expect(interviewEndedBy(turns)).toBe('interviewer');
  });
});
