import { describe, expect, test } from 'vitest';
import { countsSentence, fixHint, linksNotSentWords, outcomeWords } from './bulk-words.ts';

const item = (outcome: 'applied' | 'refused', field: string | null = null) => ({
  participant_id: 'p',
  name: 'P',
  outcome,
  summary: null,
  reason: null,
  code: null,
  field,
});

describe('the words of a bulk action', () => {
  test('a preview speaks of what will happen, a result of what did', () => {
    const counts = { pending: 0, applied: 3, unchanged: 1, refused: 1 };
    expect(countsSentence('advance', counts, true)).toBe('3 will be advanced, 1 need no change, 1 refused.');
    expect(countsSentence('advance', { ...counts, pending: 2 }, false)).toBe(
      '3 advanced, 1 needed no change, 1 not done, 2 waiting.',
    );
    expect(outcomeWords('applied', true)).toBe('Will happen');
    expect(outcomeWords('applied', false)).toBe('Done');
    expect(outcomeWords('refused', true)).toBe('Refused');
  });

  test('a refusal a note would fix points back to the note', () => {
    expect(fixHint([item('refused', 'note'), item('applied')], 'advance')).toBe(
      '1 person has not passed their stage: go back and add a note to advance them anyway.',
    );
    expect(fixHint([item('refused')], 'advance')).toBeNull();
  });

  test('sending links says when mail is not set up that they were kept, not sent', () => {
    const counts = { pending: 0, applied: 2, unchanged: 0, refused: 1 };
    expect(countsSentence('send_portal_link', counts, true)).toBe('2 will be sent a link, 1 refused.');
    expect(linksNotSentWords('send_portal_link', false, false)).toMatch(/^Mail is not set up: the links were not sent/);
    expect(linksNotSentWords('send_portal_link', false, true)).toMatch(/the links will not be sent/);
    expect(linksNotSentWords('send_portal_link', true, false)).toBeNull();
    expect(linksNotSentWords('send_portal_link', undefined, false)).toBeNull();
    expect(linksNotSentWords('tag', false, false)).toBeNull();
  });
});
