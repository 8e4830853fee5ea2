/**
 * What the browser needs to know about a failed tRPC call, read defensively: a network failure or an
 * unexpected shape still yields a message a person can act on.
 */
export type ServerErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'UNKNOWN';

export interface ServerIssue {
  path: (string | number)[];
  message: string;
}

export interface ServerError {
  code: ServerErrorCode;
  message: string;
  issues: ServerIssue[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function readIssues(value: unknown): ServerIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((issue) => {
    if (!isRecord(issue) || typeof issue.message !== 'string') return [];
    const path = Array.isArray(issue.path)
      ? issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
      : [];
    return [{ path, message: issue.message }];
  });
}

/** What the browser says when a request never got an answer (Chromium, Firefox, Safari). */
const UNREACHED = /^(Failed to fetch|NetworkError when attempting to fetch|Load failed)/;
/**
 * What tRPC's client says when an answer came but was not one of the API's (a proxy's error page, a
 * server restarting): its own words ("Unable to transform response from server") or the JSON parser's.
 */
const UNREADABLE = /Unable to transform response from server|is not valid JSON|Unexpected token|Unexpected end of JSON/;

/** The HTTP status of the answer, when the client kept it (tRPC's `meta.response`). */
function statusOf(error: unknown): number | undefined {
  const meta = isRecord(error) && isRecord(error.meta) ? error.meta : undefined;
  const response = meta && isRecord(meta.response) ? meta.response : undefined;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/** Says what happened in words a person can act on; the server's own message when it sent one. */
function plainMessage(error: unknown, raw: string): string {
  if (!raw || UNREACHED.test(raw)) return 'The server could not be reached. Check your connection, then retry.';
  if (UNREADABLE.test(raw)) {
    const status = statusOf(error);
    const said = status ? ` (it answered with status ${status})` : '';
    return `The server's answer could not be read${said}. It may be restarting: retry in a moment.`;
  }
  return raw;
}

export function readServerError(error: unknown): ServerError {
  const data = isRecord(error) && isRecord(error.data) ? error.data : undefined;
  const code = typeof data?.code === 'string' ? (data.code as ServerErrorCode) : 'UNKNOWN';
  const rawMessage = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return { code, message: plainMessage(error, rawMessage), issues: readIssues(data?.issues) };
}

/**
 * Every path a form knows, as react-hook-form names them ("a.b", "rows.0.weight"). Objects and
 * arrays are named too, so an issue about a whole group (custom_outcome_labels, a dimension list)
 * still lands beside that group.
 */
export function collectFieldPaths(values: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  const visit = (value: unknown, path: string) => {
    if (path) paths.add(path);
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isRecord(item)) visit(item, path ? `${path}.${i}` : String(i));
      });
    } else if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key);
    }
  };
  visit(values, prefix);
  return paths;
}

export interface MappedIssues {
  fields: Array<{ name: string; message: string }>;
  /** Issues that name no field the form shows: they belong in a toast or a form-level message. */
  unmatched: string[];
}

/** Puts each issue on the deepest form field its path names; the rest stay unmatched. */
export function mapIssuesToFields(issues: readonly ServerIssue[], fieldPaths: ReadonlySet<string>): MappedIssues {
  const result: MappedIssues = { fields: [], unmatched: [] };
  const taken = new Set<string>();
  for (const issue of issues) {
    let name: string | undefined;
    for (let len = issue.path.length; len > 0 && !name; len--) {
      const candidate = issue.path.slice(0, len).join('.');
      if (fieldPaths.has(candidate)) name = candidate;
    }
    if (name === undefined) {
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      result.unmatched.push(`${where}${issue.message}`);
    } else if (!taken.has(name)) {
      taken.add(name);
      result.fields.push({ name, message: issue.message });
    }
  }
  return result;
}
