/**
 * Writing CSV that spreadsheets open safely (docs/rules.md#csv-export): RFC 4180 quoting, CRLF line
 * ends, a byte-order mark so Excel reads UTF-8, and no cell that a spreadsheet would run as a formula.
 */

/** What starts a formula in Excel, LibreOffice or Google Sheets (a tab or a carriage return too). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Tells spreadsheets the file is UTF-8, so names like "Zoë" arrive whole. */
export const CSV_BOM = '\uFEFF';

/**
 * One cell. Text that a spreadsheet would take as a formula (`=HYPERLINK(…)`, `+1`, `@SUM`, `-2+3`)
 * gets a leading apostrophe, which shows the text as written; numbers are written as numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of cells as CSV text, starting with the byte-order mark. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `${CSV_BOM}${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
