/**
 * How a procedure's answer meets the schema it documents (docs/decisions/045-answers-checked-exactly-trusted-in-production.md).
 * tRPC hands the context's `parseOutput` the schema's parse and the answer as the procedure built it
 * (patches/@trpc__server@11.19.0.patch); whatever it returns is sent.
 */
export type ParseOutput = (parse: (value: unknown) => unknown, answer: unknown) => unknown;

/**
 * Tests and development: the answer is parsed and must already be exactly what its schema describes. A field the
 * schema does not name (which a parse would drop without a word) or a value it would change is an error naming
 * where, so a procedure that builds anything else fails its tests rather than being mended in passing.
 */
export const checkedOutput: ParseOutput = (parse, answer) => {
  const parsed = parse(answer);
  return parsed instanceof Promise ? parsed.then((p) => exactly(answer, p)) : exactly(answer, parsed);
};

/**
 * Production (CHECK_OUTPUTS=0): the answer goes out as built. Every answer the tests make was checked exactly, so
 * skipping the parse changes none of them; it saved a tenth of a participant page's CPU (the decision above).
 */
export const trustedOutput: ParseOutput = (_parse, answer) => answer;

function exactly(answer: unknown, parsed: unknown): unknown {
  const where = firstDifference(answer, parsed, 'the answer');
  if (where) throw new Error(`${where}: a procedure must answer exactly what its output schema describes`);
  return parsed;
}

/**
 * Where `built` and `parsed` first differ, as JSON would see them (a key whose value is `undefined` is absent),
 * or null when they do not.
 */
function firstDifference(built: unknown, parsed: unknown, at: string): string | null {
  if (Object.is(built, parsed)) return null;
  if (!isObject(built) || !isObject(parsed))
    return `${at} is ${describe(built)}, its schema makes it ${describe(parsed)}`;
  if (Array.isArray(built) !== Array.isArray(parsed)) return `${at} is not the kind its schema describes`;
  if (Array.isArray(built) && Array.isArray(parsed)) {
    if (built.length !== parsed.length) return `${at} has ${built.length} items, its schema keeps ${parsed.length}`;
    for (let i = 0; i < built.length; i++) {
      const found = firstDifference(built[i], parsed[i], `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  const b = built as Record<string, unknown>;
  const p = parsed as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (b[key] !== undefined && p[key] === undefined) return `${at}.${key} is not in its schema`;
  }
  for (const key of Object.keys(p)) {
    if (p[key] === undefined) continue;
    if (b[key] === undefined) return `${at}.${key} is missing, its schema adds it`;
    const found = firstDifference(b[key], p[key], `${at}.${key}`);
    if (found) return found;
  }
  return null;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const describe = (value: unknown) =>
  Array.isArray(value)
    ? 'a list'
    : isObject(value)
      ? 'an object'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : String(value);

/**
 * CHECK_OUTPUTS: `1` checks every answer exactly (as tests do; `pnpm dev` sets it), `0` or unset sends them as
 * built. Anything else is reported and the server sends them as built.
 */
export function checkOutputsFromEnv(value: string | undefined): { checkOutputs: boolean; problem?: string } {
  const setting = value?.trim().toLowerCase() ?? '';
  if (setting === '1' || setting === 'true') return { checkOutputs: true };
  if (setting === '' || setting === '0' || setting === 'false') return { checkOutputs: false };
  return { checkOutputs: false, problem: `CHECK_OUTPUTS=${value} is not 1 or 0: answers are sent as built` };
}
