import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('a figure as CSV', () => {
  it('writes a header and rows, CRLF after each line, empty cells for nothing', () => {
    expect(toCsv({ header: ['Stage', 'Entered', 'Median'], rows: [['Screen', 12, null]] })).toBe(
      'Stage,Entered,Median\r\nScreen,12,\r\n',
    );
  });
  it('quotes separators, quotes and line breaks', () => {
    expect(toCsv({ header: ['a'], rows: [['x, y'], ['say "hi"'], ['two\nlines']] })).toBe(
      'a\r\n"x, y"\r\n"say ""hi"""\r\n"two\nlines"\r\n',
    );
  });
  it('keeps a name that looks like a formula from running as one', () => {
    expect(toCsv({ header: ['Stage'], rows: [['=HYPERLINK("x")'], ['@team'], [3.5]] })).toBe(
      'Stage\r\n"\'=HYPERLINK(""x"")"\r\n\'@team\r\n3.5\r\n',
    );
  });
});
