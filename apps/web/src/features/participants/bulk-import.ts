import { CreateParticipantInput, MAX_PARTICIPANTS_PER_REQUEST } from '@stageflow/domain';
import { CsvError, parseCsv } from './csv.ts';

/** The CSV header the import reads; name and email are required, the rest optional. */
export const CSV_COLUMNS = ['name', 'email', 'external_id', 'phone', 'tags'] as const;
const REQUIRED_COLUMNS = ['name', 'email'] as const;

export const CSV_EXAMPLE = `name,email,external_id,phone,tags
Jane Smith,jane@example.com,ATS-1001,+1 555 0100,referral;senior
"Okafor, Chidi",chidi@example.com,,,`;

export interface ImportRow {
  /** Where the row came from, for people: "Line 3" (CSV) or "Item 2" (JSON). */
  source: string;
  /** The fields as given; this is what is sent. */
  fields: Record<string, unknown>;
  name: string;
  email: string;
  /** Why it will be skipped; empty when it will be sent. */
  problems: string[];
}

export type ParsedImport =
  | { kind: 'empty' }
  | { kind: 'error'; message: string }
  | { kind: 'parsed'; format: 'csv' | 'json'; rows: ImportRow[]; warnings: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** "referral; senior" or "referral|senior" (or commas, inside a quoted cell) → ["referral", "senior"]. */
export const splitTags = (cell: string) =>
  cell
    .split(/[;|,]/)
    .map((tag) => tag.trim())
    .filter(Boolean);

const row = (source: string, fields: Record<string, unknown>, problems: string[] = []): ImportRow => ({
  source,
  fields,
  name: asText(fields.name),
  email: asText(fields.email),
  problems,
});

function fromCsv(text: string): ParsedImport {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { kind: 'error', message: error.message };
    throw error;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    return {
      kind: 'error',
      message: `The first line must name the columns: ${CSV_COLUMNS.join(',')} (missing ${missing.join(' and ')}).`,
    };
  }
  const known = new Set<string>(CSV_COLUMNS);
  const warnings = table.header
    .filter((name) => name !== '' && !known.has(name))
    .map((name) => `The column "${name}" is not imported.`);
  const rows = table.rows.map(({ line, cells }) => {
    const fields: Record<string, unknown> = {};
    table.header.forEach((column, i) => {
      const cell = cells[i] ?? '';
      if (!known.has(column) || cell === '') return;
      fields[column] = column === 'tags' ? splitTags(cell) : cell;
    });
    const problems =
      cells.length > table.header.length
        ? [`has ${cells.length} cells but the header names ${table.header.length} columns`]
        : [];
    return row(`Line ${line}`, fields, problems);
  });
  return { kind: 'parsed', format: 'csv', rows, warnings };
}

function fromJson(text: string): ParsedImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'error', message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const items = Array.isArray(parsed) ? parsed : isRecord(parsed) ? parsed.participants : undefined;
  if (!Array.isArray(items)) {
    return {
      kind: 'error',
      message: 'Give a JSON array of participants: [{ "name": "…", "email": "…" }, …]',
    };
  }
  const rows = items.map((item, i) =>
    isRecord(item) ? row(`Item ${i + 1}`, item) : row(`Item ${i + 1}`, {}, ['is not an object']),
  );
  return { kind: 'parsed', format: 'json', rows, warnings: [] };
}

/** Reads pasted or uploaded text: JSON when it starts with `[` or `{`, CSV otherwise. */
export function parseImport(text: string): ParsedImport {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { kind: 'empty' };
  return trimmed.startsWith('[') || trimmed.startsWith('{') ? fromJson(trimmed) : fromCsv(trimmed);
}

/**
 * Checks every row with the domain's CreateParticipantInput, the schema the server applies to each
 * one, and marks a repeated email (the server would skip it: emails are unique per template).
 */
export function checkRows(rows: readonly ImportRow[], templateId: string): ImportRow[] {
  const seen = new Map<string, string>();
  return rows.map((r) => {
    if (r.problems.length > 0) return r;
    const result = CreateParticipantInput.safeParse({ ...r.fields, evaluation_template_id: templateId });
    const problems = result.success
      ? []
      : result.error.issues
          .filter((issue) => issue.path[0] !== 'evaluation_template_id')
          .map((issue) => {
            const [field] = issue.path;
            // "expected string, received undefined" says less than the plain fact.
            if (issue.path.length === 1 && typeof field === 'string' && r.fields[field] === undefined) {
              return `${field}: required`;
            }
            return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
          });
    if (problems.length === 0) {
      const email = r.email.toLowerCase();
      const first = seen.get(email);
      if (first) problems.push(`same email as ${first.toLowerCase()}`);
      else seen.set(email, r.source);
    }
    return { ...r, problems };
  });
}

/** The problem a row has when the template already has its email (the server would skip it). */
export const ALREADY_ENROLLED = 'already in this template';

/**
 * Marks the rows whose email the template already has, as `participants.alreadyEnrolled` answered
 * (lowercase emails): the preview says so before anything is sent.
 */
export function markAlreadyEnrolled(rows: readonly ImportRow[], enrolled: ReadonlySet<string>): ImportRow[] {
  if (enrolled.size === 0) return [...rows];
  return rows.map((r) =>
    r.problems.length === 0 && enrolled.has(r.email.toLowerCase()) ? { ...r, problems: [ALREADY_ENROLLED] } : r,
  );
}

/** Rows in groups the server takes in one request; longer lists go in several. */
export function chunk<T>(items: readonly T[], size = MAX_PARTICIPANTS_PER_REQUEST): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export interface ImportOutcome {
  created: { source: string; name: string; email: string; id: string }[];
  skipped: { source: string; name: string; email: string; reason: string }[];
}

/** Puts the server's answer for one request (indexes into `sent`) back onto the rows it was about. */
export function mergeOutcome(
  outcome: ImportOutcome,
  sent: readonly ImportRow[],
  answer: {
    created: readonly { index: number; id: string; email: string }[];
    skipped: readonly { index: number; email: string | null; reason: string }[];
  },
): ImportOutcome {
  const at = (index: number) => sent[index];
  return {
    created: [
      ...outcome.created,
      ...answer.created.map((c) => ({
        source: at(c.index)?.source ?? `Row ${c.index + 1}`,
        name: at(c.index)?.name ?? '',
        email: c.email,
        id: c.id,
      })),
    ],
    skipped: [
      ...outcome.skipped,
      ...answer.skipped.map((s) => ({
        source: at(s.index)?.source ?? `Row ${s.index + 1}`,
        name: at(s.index)?.name ?? '',
        email: s.email ?? at(s.index)?.email ?? '',
        reason: s.reason,
      })),
    ],
  };
}
