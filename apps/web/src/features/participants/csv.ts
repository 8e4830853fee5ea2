/**
 * A small CSV reader for participant imports (RFC 4180): fields separated by commas (or semicolons,
 * as spreadsheets in many locales save them), double quotes around fields that hold separators,
 * quotes or line breaks, `""` for a quote inside quotes, CRLF or LF line ends, and a byte-order mark
 * at the start. Blank lines are skipped.
 */
export interface CsvTable {
  header: string[];
  /** Each row with its 1-based line number in the file, for messages a person can find. */
  rows: { line: number; cells: string[] }[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`Line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** The separator the header line uses: a semicolon only when the header has semicolons and no commas. */
export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/** Every record of the text as cells, with the line each record starts on. */
export function parseCsvRecords(text: string, delimiter: ',' | ';' = detectDelimiter(text)) {
  const source = text.replace(/^\uFEFF/, '');
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  /** Whether the current cell was written in quotes (then only a separator or a line end may follow). */
  let wasQuoted = false;

  const endCell = () => {
    cells.push(wasQuoted ? cell : cell.trim());
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
    cells = [];
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell.trim() !== '' || wasQuoted) throw new CsvError('a quote can only open a field', line);
      cell = '';
      quoted = true;
      wasQuoted = true;
    } else if (ch === delimiter) {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (wasQuoted && ch !== ' ' && ch !== '\t') {
        throw new CsvError('text after a closing quote; put the whole field in quotes', line);
      }
      if (!wasQuoted) cell += ch;
    }
  }
  if (quoted) throw new CsvError('a quoted field is never closed', recordLine);
  endRecord();
  return records;
}

/** The first record is the header (names trimmed and lower-cased); the others are rows. */
export function parseCsv(text: string): CsvTable {
  const [head, ...rows] = parseCsvRecords(text);
  return { header: (head?.cells ?? []).map((name) => name.trim().toLowerCase()), rows };
}
