import { describe, expect, test } from 'vitest';
import { isParticipantTurn, participantTexts, quoteText, scoringRecord, verifyQuotes } from './evidence.ts';

const TRANSCRIPT = [
  { speaker: 'interviewer', text: 'Tell me about a system you designed under real load.' },
  {
    speaker: 'participant',
    text: 'I designed the payments ledger at my last job.\nWe wrote every entry twice, so the books always balanced.',
  },
  { speaker: 'interviewer', text: 'How did you handle retries from the client?' },
  { speaker: 'Jane Smith', text: 'Each request carried an idempotency key — we stored it with the “result”.' },
];
const said = participantTexts(TRANSCRIPT, 'Jane Smith');

describe('quotes are checked against the participant’s own turns (docs/rules.md#scoring-with-evidence)', () => {
  test.each([
    ['exact words', 'I designed the payments ledger at my last job.', true],
    ['a phrase inside a turn', 'every entry twice', true],
    ['whitespace differences (a line break as a space, doubled spaces)', 'last job. We  wrote every entry', true],
    ['case differences', 'i DESIGNED the Payments ledger', true],
    ['typographic quotes written plainly', 'we stored it with the "result"', true],
    ['quotation marks and sentence punctuation around the excerpt', '“Each request carried an idempotency key.”', true],
    ['a leading ellipsis of an excerpt', '…so the books always balanced', true],
    ['the turn named by the participant’s name', 'carried an idempotency key', true],
    ['words never said', 'I led a team of twelve engineers', false],
    ['a paraphrase', 'I built the payment ledger at my previous job', false],
    ['an elision inside the quote', 'I designed ... at my last job', false],
    ['words joined from two turns', 'the books always balanced. Each request carried', false],
    ['the interviewer’s question quoted back', 'Tell me about a system you designed under real load', false],
    ['the interviewer’s follow-up question', 'How did you handle retries from the client', false],
    ['part of a word at the edge', 'esigned the payments ledger', false],
    ['too short to back a score', 'I did', false],
    ['empty', '   ', false],
  ])('%s → found: %s', (_, quote, found) => {
    expect(verifyQuotes([quote], said)).toEqual(
      found ? { verified: [quote.trim()], dropped: 0 } : { verified: [], dropped: 1 },
    );
  });

  test('dropped quotes are counted; found ones keep their order and the model’s wording; a repeat counts once', () => {
    expect(
      verifyQuotes(
        [
          'every entry twice',
          'I invented a new database',
          'EVERY entry   twice',
          'carried an idempotency key',
          'I hold a patent on it',
        ],
        said,
      ),
    ).toEqual({ verified: ['every entry twice', 'carried an idempotency key'], dropped: 2 });
  });

  test('without any participant turn, nothing is evidence', () => {
    expect(verifyQuotes(['Tell me about a system'], participantTexts(TRANSCRIPT.slice(0, 1), 'Jane Smith'))).toEqual({
      verified: [],
      dropped: 1,
    });
  });

  test('what a quote is compared as', () => {
    expect(quoteText('  “We wrote\n every entry twice.”  ')).toBe('we wrote every entry twice');
  });
});

describe('whose turn it is', () => {
  test.each([
    ['participant', 'Jane Smith', true],
    ['Participant ', 'Jane Smith', true],
    ['jane smith', 'Jane Smith', true],
    ['interviewer', 'Jane Smith', false],
    ['Ada', 'Jane Smith', false],
    ['Jane', 'Jane Smith', false],
    ['', '', false],
    ['Jane Smith', null, false],
  ])('speaker %j with participant %j → theirs: %s', (speaker, name, theirs) => {
    expect(isParticipantTurn({ speaker }, name)).toBe(theirs);
  });

  test('the scoring prompt’s record says each turn is the participant’s or the interviewer’s', () => {
    expect(scoringRecord(TRANSCRIPT, 'Jane Smith').map((t) => t.speaker)).toEqual([
      'interviewer',
      'participant',
      'interviewer',
      'participant',
    ]);
  });
});
