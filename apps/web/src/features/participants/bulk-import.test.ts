import { describe, expect, it } from 'vitest';
import {
  ALREADY_ENROLLED,
  CSV_EXAMPLE,
  checkRows,
  chunk,
  type ImportRow,
  markAlreadyEnrolled,
  mergeOutcome,
  parseImport,
} from './bulk-import.ts';

const TEMPLATE = '8d0f7a52-4a8e-4c61-9a57-3b1d2c7e9f10';

function parsedRows(text: string): ImportRow[] {
  const parsed = parseImport(text);
  if (parsed.kind !== 'parsed') throw new Error(`expected rows, got ${JSON.stringify(parsed)}`);
  return checkRows(parsed.rows, TEMPLATE);
}

describe('parseImport: CSV', () => {
  it('reads the example header and rows into participant fields', () => {
    const rows = parsedRows(CSV_EXAMPLE);
    expect(rows.map((r) => r.fields)).toEqual([
      {
        name: 'Jane Smith',
        email: 'jane@example.com',
        external_id: 'ATS-1001',
        phone: '+1 555 0100',
        tags: ['referral', 'senior'],
      },
      { name: 'Okafor, Chidi', email: 'chidi@example.com' },
    ]);
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
    expect(rows.map((r) => r.source)).toEqual(['Line 2', 'Line 3']);
  });

  it('needs name and email columns, and warns about columns it does not import', () => {
    expect(parseImport('email,phone\na@x.io,1')).toEqual({
      kind: 'error',
      message: 'The first line must name the columns: name,email,external_id,phone,tags (missing name).',
    });
    const parsed = parseImport('name,email,team\nAda,ada@example.com,Core');
    expect(parsed.kind === 'parsed' && parsed.warnings).toEqual(['The column "team" is not imported.']);
  });

  it('marks the rows the server would skip, with the schema’s words', () => {
    const rows = parsedRows(
      'name,email\nAda,not-an-email\n,bob@example.com\nCy,cy@example.com,extra\nDee,ADA2@example.com\nDi,ada2@example.com',
    );
    expect(rows.map((r) => [r.source, r.problems])).toEqual([
      ['Line 2', ['email: enter a valid email address']],
      ['Line 3', ['name: required']],
      ['Line 4', ['has 3 cells but the header names 2 columns']],
      ['Line 5', []],
      ['Line 6', ['same email as line 5']],
    ]);
  });

  it('reports a CSV syntax error with its line', () => {
    expect(parseImport('name,email\n"Ada,ada@example.com')).toEqual({
      kind: 'error',
      message: 'Line 2: a quoted field is never closed',
    });
  });
});

describe('parseImport: JSON', () => {
  it('takes an array, or an object with a participants array, and keeps every field', () => {
    const item = { name: 'Ada', email: 'ada@example.com', profile: { title: 'Engineer' } };
    expect(parsedRows(JSON.stringify([item]))[0]).toMatchObject({ source: 'Item 1', fields: item, problems: [] });
    expect(parsedRows(JSON.stringify({ participants: [item] }))[0]?.fields).toEqual(item);
  });

  it('refuses what is not a list, and marks items that are not objects or have unknown keys', () => {
    expect(parseImport('{"name":"Ada"}').kind).toBe('error');
    expect(parseImport('[oops').kind).toBe('error');
    const rows = parsedRows('[1, {"name":"Ada","email":"ada@example.com","nickname":"A"}]');
    expect(rows[0]?.problems).toEqual(['is not an object']);
    expect(rows[1]?.problems.join()).toMatch(/nickname/);
  });

  it('treats blank text as nothing to import', () => {
    expect(parseImport('  \n ')).toEqual({ kind: 'empty' });
  });
});

describe('sending in requests of 500 and reading the answers back', () => {
  it('splits long lists', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk(Array.from({ length: 1001 }), 500).map((c) => c.length)).toEqual([500, 500, 1]);
  });

  it('maps the server’s indexes to the rows that were sent', () => {
    const sent = parsedRows('name,email\nAda,ada@example.com\nBob,bob@example.com');
    const outcome = mergeOutcome({ created: [], skipped: [] }, sent, {
      created: [{ index: 0, id: 'p1', email: 'ada@example.com' }],
      skipped: [{ index: 1, email: 'bob@example.com', reason: 'email bob@example.com is already enrolled' }],
    });
    expect(outcome).toEqual({
      created: [{ source: 'Line 2', name: 'Ada', email: 'ada@example.com', id: 'p1' }],
      skipped: [
        {
          source: 'Line 3',
          name: 'Bob',
          email: 'bob@example.com',
          reason: 'email bob@example.com is already enrolled',
        },
      ],
    });
  });
});

describe('markAlreadyEnrolled', () => {
  it('marks rows whose email the template has, without case, and leaves rows with problems as they are', () => {
    const rows = parsedRows(`name,email\nJane,JANE@example.com\nChidi,chidi@example.com\nNo email,`);
    const marked = markAlreadyEnrolled(rows, new Set(['jane@example.com', 'nobody@example.com']));
    expect(marked.map((r) => r.problems)).toEqual([[ALREADY_ENROLLED], [], ['email: required']]);
    expect(markAlreadyEnrolled(rows, new Set())).toEqual(rows);
  });
});
