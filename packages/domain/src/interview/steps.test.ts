import { describe, expect, it } from 'vitest';
import { DomainError, unwrap } from '../errors.ts';
import { decidePortalConsent } from '../portal/consent.ts';
import { decidePortalStart } from '../portal/sessions.ts';
import { evolveParticipant } from '../progression/evolve.ts';
import { interviewer, Journey, S1, S2, stage, template, uuid } from '../progression/test-support.ts';
import type { StageType } from '../schemas/stage.ts';
import {
  type ConversationFacts,
  decideAnswer,
  decideInterviewerTurn,
  decideInterviewFinish,
  interviewSession,
} from './steps.ts';
import type { StoredTurn } from './turns.ts';

const PARTICIPANT = 'participant:00000000-0000-4000-8000-00000000beef';

/** Jane at an AI-run first stage (with an interviewer), her notice answered or not, a session started or not. */
function jane({
  type = 'ai_interview',
  consent = true,
  start = true,
}: {
  type?: StageType;
  consent?: boolean | 'declined';
  start?: boolean;
} = {}) {
  const j = Journey.enrolled(
    template([
      stage(S1, 0, { stage_name: 'Interview', stage_type: type, interviewer }),
      stage(S2, 1, { stage_name: 'Essay', stage_type: 'async_assessment', interviewer }),
    ]),
  );
  j.actor = PARTICIPANT;
  const apply = (events: ReturnType<typeof decidePortalConsent>) => {
    j.state = unwrap(events).reduce(evolveParticipant, j.state);
  };
  if (consent !== false && type !== 'async_assessment') {
    apply(decidePortalConsent(j.state, { stage_id: S1, accepted: consent === true }, j.ctx));
  }
  if (start) {
    const started = unwrap(decidePortalStart(j.state, { timezone: 'UTC' }, j.ctx));
    j.state = started.events.reduce(evolveParticipant, j.state);
  }
  return j;
}

const facts = (j: Journey, turns: StoredTurn[] = [], session_id = j.lastSession.id): ConversationFacts => ({
  state: j.state,
  session_id,
  turns,
});

/** Appends what a step decided, as the store would. */
function stored(turns: StoredTurn[], decided: { append: readonly StoredTurn[] } | DomainError): StoredTurn[] {
  if (decided instanceof DomainError) throw decided;
  return [...turns, ...decided.append];
}

const draft = (after: number, ended_by: 'interviewer' | 'time' | null = null) => ({
  after,
  text: `interviewer ${after}`,
  source: 'model' as const,
  prompt_version: 'v',
  ended_by,
});

const refusal = (result: unknown) => {
  expect(result).toBeInstanceOf(DomainError);
  return result as DomainError;
};

describe('which sessions have an interview in the portal (docs/rules.md#the-interview)', () => {
  it.each(['ai_interview', 'roleplay_simulation', 'practice_session'] as const)('a started %s does', (type) => {
    const j = jane({ type });
    expect(interviewSession(j.state, j.lastSession.id)).toMatchObject({ stage: { id: S1 } });
  });

  it.each([
    ['a session not theirs', () => jane(), uuid(0xdead), 'NOT_FOUND', 'We could not find this session among yours.'],
    [
      'a written assessment',
      () => jane({ type: 'async_assessment' }),
      undefined,
      'CONFLICT',
      'This session has no interview to take here; the team runs it with you.',
    ],
    [
      'a notice declined (staff started the session for them)',
      () => {
        const j = jane({ consent: 'declined', start: false });
        j.actor = 'user:00000000-0000-4000-8000-00000000a11c';
        j.run(j.schedule());
        j.run(j.start());
        return j;
      },
      undefined,
      'CONFLICT',
      'You asked for a person to run this stage, so it has no interview here; the team will be in touch.',
    ],
    [
      'a session booked, not started',
      () => {
        const j = jane({ start: false });
        j.run(j.schedule({ scheduled_at: '2026-03-09T09:00:00.000Z' }));
        return j;
      },
      undefined,
      'CONFLICT',
      'This session is booked but not started, so its interview is closed.',
    ],
    [
      'a participant who withdrew',
      () => {
        const j = jane();
        j.run(j.withdraw());
        return j;
      },
      undefined,
      'CONFLICT',
      'Your evaluation has ended, so this interview is closed.',
    ],
  ])('%s does not', (_, make, sessionId, code, words) => {
    const j = make();
    const error = refusal(interviewSession(j.state, sessionId ?? j.lastSession.id));
    expect(error.code).toBe(code);
    expect(error.participantMessage).toBe(words);
  });
});

describe('turn by turn', () => {
  it('the interviewer greets, the participant answers, the interviewer goes on: each turn at the next index', () => {
    const j = jane();
    let turns = stored([], decideInterviewerTurn(facts(j), draft(0), j.now));
    turns = stored(turns, decideAnswer(facts(j, turns), { text: 'My answer', client_key: 'k1' }, j.now));
    turns = stored(turns, decideInterviewerTurn(facts(j, turns), draft(2), j.now));
    expect(turns.map((t) => [t.index, t.speaker, t.text])).toEqual([
      [0, 'interviewer', 'interviewer 0'],
      [1, 'participant', 'My answer'],
      [2, 'interviewer', 'interviewer 2'],
    ]);
    expect(turns[1]).toMatchObject({ source: null, prompt_version: null, client_key: 'k1', ended_by: null });
    expect(turns[2]).toMatchObject({ source: 'model', prompt_version: 'v' });
  });

  it.each([
    ['before the first question', ''],
    ['while the interviewer owes a turn', 'ip'],
  ])('an answer %s is refused', (_, script) => {
    const j = jane();
    let turns: StoredTurn[] = [];
    for (const step of script) {
      turns =
        step === 'i'
          ? stored(turns, decideInterviewerTurn(facts(j, turns), draft(turns.length), j.now))
          : stored(turns, decideAnswer(facts(j, turns), { text: 'a', client_key: null }, j.now));
    }
    const error = refusal(decideAnswer(facts(j, turns), { text: 'b', client_key: null }, j.now));
    expect(error.participantMessage).toMatch(/^The interviewer has not asked its next question yet/);
  });

  it('a retried answer (same key, same words) stores nothing and answers the first; other words are refused', () => {
    const j = jane();
    let turns = stored([], decideInterviewerTurn(facts(j), draft(0), j.now));
    turns = stored(turns, decideAnswer(facts(j, turns), { text: 'Once', client_key: 'k1' }, j.now));
    const again = unwrap(decideAnswer(facts(j, turns), { text: 'Once', client_key: 'k1' }, j.now));
    expect(again.append).toEqual([]);
    expect(again.answer).toEqual(turns[1]);
    const other = refusal(decideAnswer(facts(j, turns), { text: 'Twice', client_key: 'k1' }, j.now));
    expect(other.code).toBe('CONFLICT');
  });

  it('an interviewer turn made on a conversation that moved on is not stored: the one there answers', () => {
    const j = jane();
    const first = stored([], decideInterviewerTurn(facts(j), draft(0), j.now));
    const late = unwrap(decideInterviewerTurn(facts(j, first), draft(0), j.now));
    expect(late).toEqual({ append: [], turn: first[0] });
  });

  it('after the end nothing more is stored; finishing an ended interview stores nothing', () => {
    const j = jane();
    let turns = stored([], decideInterviewerTurn(facts(j), draft(0), j.now));
    turns = stored(turns, decideAnswer(facts(j, turns), { text: 'a', client_key: null }, j.now));
    turns = stored(turns, decideInterviewerTurn(facts(j, turns), draft(2, 'time'), j.now));
    expect(turns.at(-1)?.ended_by).toBe('time');
    expect(refusal(decideAnswer(facts(j, turns), { text: 'b', client_key: null }, j.now)).participantMessage).toBe(
      'This interview has ended; your answers are saved.',
    );
    expect(unwrap(decideInterviewFinish(facts(j, turns), { text: 'Bye', prompt_version: 'v' }, j.now))).toEqual({
      append: [],
    });
  });

  it('the participant finishing ends it with the closing words, after an answer the interviewer never took up', () => {
    const j = jane();
    let turns = stored([], decideInterviewerTurn(facts(j), draft(0), j.now));
    turns = stored(turns, decideAnswer(facts(j, turns), { text: 'kept', client_key: null }, j.now));
    turns = stored(turns, decideInterviewFinish(facts(j, turns), { text: 'Thank you.', prompt_version: 'v' }, j.now));
    expect(turns.map((t) => [t.speaker, t.text, t.ended_by, t.source])).toEqual([
      ['interviewer', 'interviewer 0', null, 'model'],
      ['participant', 'kept', null, null],
      ['interviewer', 'Thank you.', 'participant', 'plan'],
    ]);
  });
});
