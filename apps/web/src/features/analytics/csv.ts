/** One figure as rows of cells: the table beside a chart and its CSV export are made from the same rows. */
export interface FigureTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** A cell as CSV (RFC 4180): quoted when it holds a separator, a quote or a line break; empty for none. */
const cell = (value: string | number | null) => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The table as CSV, lines ending in CRLF as the RFC asks. A cell starting with `=`, `+`, `-` or `@` is
 * text a spreadsheet would run as a formula: stage and tag names are the team's, so they get a leading
 * quote mark (numbers are written as numbers and never start so, negative ones aside, which none are).
 */
export function toCsv(table: FigureTable): string {
  const safe = (value: string | number | null) =>
    typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `${[table.header, ...table.rows].map((row) => row.map((v) => cell(safe(v))).join(',')).join('\r\n')}\r\n`;
}
