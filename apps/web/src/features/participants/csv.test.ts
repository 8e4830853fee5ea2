import { describe, expect, it } from 'vitest';
import { CsvError, detectDelimiter, parseCsv, parseCsvRecords } from './csv.ts';

const cells = (text: string) => parseCsvRecords(text).map((r) => r.cells);

describe('parseCsvRecords', () => {
  it.each([
    ['plain cells, trimmed', 'a, b ,c', [['a', 'b', 'c']]],
    ['empty cells keep their place', 'a,,c,', [['a', '', 'c', '']]],
    ['a separator inside quotes', '"Okafor, Chidi",x', [['Okafor, Chidi', 'x']]],
    ['a doubled quote inside quotes', '"say ""hi""",x', [['say "hi"', 'x']]],
    ['a line break inside quotes', '"two\nlines",x', [['two\nlines', 'x']]],
    ['spaces inside quotes are kept', '"  padded  ",x', [['  padded  ', 'x']]],
    [
      'CRLF line ends',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'blank lines are skipped',
      'a,b\n\n\nc,d\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['a byte-order mark is dropped', '\uFEFFname,email', [['name', 'email']]],
  ])('%s', (_, text, expected) => {
    expect(cells(text)).toEqual(expected);
  });

  it('numbers each record by the line it starts on, counting breaks inside quotes', () => {
    expect(parseCsvRecords('h\n"a\nb"\n\nc').map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it.each([
    ['an unclosed quote', 'a\n"open,b', /Line 2: a quoted field is never closed/],
    ['text after a closing quote', '"a"b,c', /Line 1: text after a closing quote/],
    ['a quote in the middle of a field', 'ab"c",d', /Line 1: a quote can only open a field/],
  ])('refuses %s, naming the line', (_, text, message) => {
    expect(() => parseCsvRecords(text)).toThrow(CsvError);
    expect(() => parseCsvRecords(text)).toThrow(message);
  });
});

describe('detectDelimiter and parseCsv', () => {
  it('reads semicolon files as spreadsheets in many locales save them', () => {
    expect(detectDelimiter('name;email\nA;a@x.io')).toBe(';');
    expect(detectDelimiter('name,email;x')).toBe(',');
    expect(parseCsv('Name ; EMAIL\nAda;ada@example.com')).toEqual({
      header: ['name', 'email'],
      rows: [{ line: 2, cells: ['Ada', 'ada@example.com'] }],
    });
  });
});
