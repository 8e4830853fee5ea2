import { describe, expect, test } from 'vitest';
import { decodeParticipantCursor, encodeParticipantCursor } from './cursor.ts';
import { ListParticipantsInput } from './query-input.ts';

const row = { created_at: '2026-06-02T09:30:00.000Z', id: '3f1c2b9a-1234-4abc-8def-0123456789ab' };

describe("the participants list's cursor", () => {
  test('round-trips and keeps the format cursors already given out have (base64url, no padding)', () => {
    const cursor = encodeParticipantCursor(row);
    // base64url of "2026-06-02T09:30:00.000Z|3f1c2b9a-1234-4abc-8def-0123456789ab", as Node's Buffer writes it.
    expect(cursor).toBe('MjAyNi0wNi0wMlQwOTozMDowMC4wMDBafDNmMWMyYjlhLTEyMzQtNGFiYy04ZGVmLTAxMjM0NTY3ODlhYg');
    expect(decodeParticipantCursor(cursor)).toEqual(row);
  });

  test.each([
    ['2026-06-02T09:30:00Z', '00000000-0000-4000-8000-000000000001'],
    ['2026-06-02T09:30:00.1Z', 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
  ])('round-trips %s|%s whatever the padding would have been', (created_at, id) => {
    expect(decodeParticipantCursor(encodeParticipantCursor({ created_at, id }))).toEqual({ created_at, id });
  });

  test.each([
    ['not base64url', 'not a cursor!'],
    ['base64url of something else', 'Z2FyYmFnZQ'],
    ['a truncated cursor', 'MjAyNi0wNi0wMlQwOTozMDowMC4wMDBafDNmMWMyYjlh'],
    ['an impossible length', 'MjAyN'],
    ['padding', 'YWI='],
    ['empty', ''],
  ])('refuses %s', (_, cursor) => {
    expect(decodeParticipantCursor(cursor)).toBeUndefined();
    const result = ListParticipantsInput.safeParse({ cursor });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['cursor', "not a cursor this list gave out: pass a previous page's next_cursor unchanged"],
    ]);
  });
});
