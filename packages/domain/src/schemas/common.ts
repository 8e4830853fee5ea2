import { z } from 'zod';

export const Uuid = z.uuid();

/**
 * With the `u` flag a surrogate pair is one code point, so only a surrogate without its partner matches. Made
 * once: the bundler writes this literal as `new RegExp(…)`, which in a function would build it on every call.
 */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/** Why a text cannot be stored, or undefined when it can (docs/entities.md#wire-format). */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(value)) return 'must not contain an unpaired surrogate (text that is not valid Unicode)';
  return undefined;
}

/**
 * Every text a caller sends is a `Text`: a string without NUL characters or unpaired surrogates, which
 * the database, logs and other programs would cut short or mangle (docs/entities.md#wire-format). Build
 * on it (`Text.trim().max(200)`) rather than on `z.string()`.
 */
export const Text = z.string().check((ctx) => {
  const problem = textProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
});

/** A required, trimmed, single-line text field with a length cap. */
export const text = (max: number) => Text.trim().min(1).max(max);
/** Optional free text; an empty string means "not set". */
export const optionalText = (max: number) => Text.trim().max(max).optional();

/**
 * Keys refused anywhere in a request body: JavaScript gives them a meaning of their own (`__proto__`
 * replaces an object's prototype when assigned), so no field is ever named so (docs/errors.md).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface Visit {
  readonly value: unknown;
  readonly key: string | number | undefined;
  readonly parent: Visit | undefined;
}
const pathOf = (visit: Visit | undefined, last: string): (string | number)[] => {
  const path: (string | number)[] = [last];
  for (let v = visit; v?.key !== undefined; v = v.parent) path.push(v.key);
  return path.reverse();
};

/** The path to the first reserved key in parsed JSON (or plain data), or undefined when it has none. */
export function reservedKeyPath(value: unknown): (string | number)[] | undefined {
  // Depth-first with an explicit stack and parent links: a deeply nested body must neither overflow
  // the call stack nor copy a long path at every level.
  const stack: Visit[] = [{ value, key: undefined, parent: undefined }];
  const seen = new Set<object>();
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const current = visit.value;
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: visit });
      continue;
    }
    const keys = Object.keys(current);
    const reserved = keys.find((key) => RESERVED_KEYS.has(key));
    if (reserved !== undefined) return pathOf(visit, reserved);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      stack.push({ value: (current as Record<string, unknown>)[key], key, parent: visit });
    }
  }
  return undefined;
}

/** Refusal wording for a reserved key, shared by every transport. */
export const reservedKeyMessage = (key: string | number) =>
  `the key ${JSON.stringify(String(key))} is not accepted in a request: remove it`;

const httpsAddress = z.url({ protocol: /^https$/, hostname: z.regexes.domain });
const HTTPS_MESSAGE = 'use an https:// address such as "https://example.com/logo.png", or leave it empty';

/**
 * An https address with a domain name (a profile picture, a workspace logo): other schemes such as
 * `javascript:` or `data:` would run or embed content wherever the address is shown.
 */
export const HttpsUrl = Text.trim()
  .max(2048)
  .refine((value) => httpsAddress.safeParse(value).success, HTTPS_MESSAGE);
/** An optional https address: `""` and `null` mean "none". */
export const OptionalHttpsUrl = Text.trim()
  .max(2048)
  .refine((value) => value === '' || httpsAddress.safeParse(value).success, HTTPS_MESSAGE)
  .nullish();

let knownTimeZones: ReadonlySet<string> | undefined;
/**
 * An IANA time zone name the runtime knows: its canonical names, `UTC`, and the aliases its
 * `Intl.DateTimeFormat` accepts (`Asia/Kolkata` beside `Asia/Calcutta`). Offsets such as `+02:00`,
 * which Intl may accept too, are refused by the shape check before Intl is asked. Intl is pure: it
 * reads no clock (docs/entities.md#session).
 */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  knownTimeZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (knownTimeZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = Text.trim()
  .max(64)
  .refine(isTimeZone, {
    error: (issue) =>
      `unknown time zone ${JSON.stringify(issue.input)}: use an IANA name such as "UTC" or "Europe/Paris"`,
  });

export const UseCase = z.enum(['hiring', 'admissions', 'training', 'custom_api']);
export type UseCase = z.infer<typeof UseCase>;

export const Difficulty = z.enum(['beginner', 'intermediate', 'advanced', 'expert', 'adaptive']);
export type Difficulty = z.infer<typeof Difficulty>;
/** A template's difficulty unless it says otherwise; its stages inherit it. */
export const DEFAULT_DIFFICULTY: Difficulty = 'intermediate';

export const LifecycleStatus = z.enum(['draft', 'active', 'archived']);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;

/**
 * A number from `min` to `max`; out of range, the message gives both ends ("Must be between 0 and 100"),
 * so a person sees the whole range at once (docs/errors.md#validation-messages).
 */
export const numberBetween = (min: number, max: number) => {
  const range = `Must be between ${min} and ${max}`;
  return z.number().min(min, range).max(max, range);
};

/** A whole number from `min` to `max` (see `numberBetween`); a fraction is "Use a whole number". */
export const wholeBetween = (min: number, max: number) => {
  const range = `Must be between ${min} and ${max}`;
  return z.int().min(min, range).max(max, range);
};

export const DurationMinutes = wholeBetween(5, 240);
/** A template's stage length unless it says otherwise; its stages inherit it. */
export const DEFAULT_DURATION_MINUTES = 30;

/** Optimistic concurrency: the template version the caller last saw. A stale one is a CONFLICT. */
export const ExpectedVersion = z.int().min(0).optional();

export const Timestamps = {
  created_at: z.string(),
  updated_at: z.string(),
};
