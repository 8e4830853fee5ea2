import { describe, expect, test } from 'vitest';
import { CSV_BOM, csvCell, toCsv } from './csv.ts';

describe('CSV cells', () => {
  test('quotes commas, quotes and line breaks, doubling quotes inside', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Raman, Priya')).toBe('"Raman, Priya"');
    expect(csvCell('Ada "the" Dev')).toBe('"Ada ""the"" Dev"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  test('a cell a spreadsheet would run as a formula gets an apostrophe first', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tA', '\rA']) {
      expect(csvCell(formula).replace(/^"/, '').startsWith(`'`), formula).toBe(true);
    }
    // Quoting still applies after the apostrophe.
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    // Only the first character matters.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('jane+tag@example.com')).toBe('jane+tag@example.com');
  });

  test('numbers are written as numbers, empty values as empty cells', () => {
    expect(csvCell(72.5)).toBe('72.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  test('rows end with CRLF and the file starts with a byte-order mark', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, null],
      ]),
    ).toBe(`${CSV_BOM}a,b\r\n1,\r\n`);
  });
});
