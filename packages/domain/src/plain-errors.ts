/**
 * Validation issues in plain sentences (docs/errors.md#validation-messages): what to do, not what the parser
 * expected. "Too small: expected string to have >=1 characters" becomes "Enter a value"; "Invalid input:
 * expected int, received number" becomes "Use a whole number". The sentence never repeats the field's name:
 * a form shows it beside the field, and the API prefixes the path ("pass_threshold: Must be at most 100").
 *
 * Installed as zod's locale messages, so a schema's own message (`error: …`) still wins where a field needs
 * a particular sentence. This file imports nothing of zod at run time: the web app installs it from the
 * module that configures zod itself.
 */
import type { core } from 'zod';

type Issue = Parameters<core.$ZodErrorMap>[0];

const UNITS: Record<string, [one: string, many: string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  map: ['entry', 'entries'],
  file: ['byte', 'bytes'],
};

const FORMATS: Record<string, string> = {
  email: 'Enter an email address, like name@example.com',
  url: 'Enter a full web address, like https://example.com',
  uuid: 'Not a known id: use the id of an existing record',
  guid: 'Not a known id: use the id of an existing record',
  datetime: 'Use a date and time, like 2026-12-01T09:00:00Z',
  date: 'Use a date, like 2026-12-01',
  time: 'Use a time, like 09:30',
};

const count = (n: number | bigint, origin: string) => {
  const unit = UNITS[origin];
  if (!unit) return String(n);
  return `${n} ${Number(n) === 1 ? unit[0] : unit[1]}`;
};

/** "a, b or c" */
const orList = (values: readonly unknown[]) => {
  const words = values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
};

function missing(expected: string): string {
  if (expected === 'number' || expected === 'int') return 'Enter a number';
  if (expected === 'boolean') return 'Choose yes or no';
  if (expected === 'array') return 'Give a list';
  if (expected === 'object') return 'Give the details';
  return 'This is required';
}

function wrongType(expected: string, input: unknown): string {
  if (input === undefined) return missing(expected);
  if (input === null) return 'Give a value, not null';
  if (expected === 'int') return typeof input === 'number' ? 'Use a whole number' : 'Enter a whole number';
  if (expected === 'number') return 'Enter a number';
  if (expected === 'string') return 'Enter text';
  if (expected === 'boolean') return 'Use true or false';
  if (expected === 'array') return 'Give a list';
  if (expected === 'object') return 'Give an object with named fields';
  return `Use a ${expected}`;
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const { origin, minimum, inclusive, exact } = issue;
  if (origin in UNITS) {
    if (exact) return `Use exactly ${count(minimum, origin)}`;
    if (Number(minimum) === 1 && inclusive !== false) return origin === 'string' ? 'Enter a value' : 'Add at least one';
    return `Use at least ${count(minimum, origin)}`;
  }
  if (origin === 'date') return `Use ${new Date(Number(minimum)).toISOString()} or later`;
  return inclusive === false ? `Must be more than ${minimum}` : `Must be at least ${minimum}`;
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const { origin, maximum, inclusive, exact } = issue;
  if (origin in UNITS) return exact ? `Use exactly ${count(maximum, origin)}` : `Use at most ${count(maximum, origin)}`;
  if (origin === 'date') return `Use ${new Date(Number(maximum)).toISOString()} or earlier`;
  return inclusive === false ? `Must be less than ${maximum}` : `Must be at most ${maximum}`;
}

/** zod's message for an issue, in plain words; install with `z.config({ localeError: plainIssueMessage })`. */
export function plainIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(issue.expected, issue.input);
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_value':
      return issue.values.length === 1 ? `Use ${orList(issue.values)}` : `Choose one of ${orList(issue.values)}`;
    case 'invalid_format':
      if (issue.format === 'starts_with') return `Start with "${(issue as { prefix?: string }).prefix}"`;
      if (issue.format === 'ends_with') return `End with "${(issue as { suffix?: string }).suffix}"`;
      return FORMATS[issue.format] ?? 'Not in the expected format';
    case 'not_multiple_of':
      return `Use a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'Not one of the accepted forms';
    case 'invalid_key':
    case 'invalid_element':
      return 'Contains a value that is not accepted';
    default:
      return 'Not a valid value';
  }
}
