import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { plainIssueMessage } from './plain-errors.ts';
import { CreateAgentProfileInput, dimensionListIssues } from './schemas/agent-profile.ts';
import { PassThreshold } from './schemas/stage.ts';

/** The message a schema gives for a value, with the plain messages passed for this parse only. */
const say = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { error: plainIssueMessage });
  return result.success ? 'ok' : result.error.issues.map((i) => i.message).join(' | ');
};

describe('validation issues in plain sentences', () => {
  test.each([
    ['an empty name', z.string().min(1), '', 'Enter a value'],
    ['a long name', z.string().max(120), 'x'.repeat(121), 'Use at most 120 characters'],
    ['a short password', z.string().min(8), 'abc', 'Use at least 8 characters'],
    ['a missing number', z.number(), undefined, 'Enter a number'],
    ['text for a number', z.number(), 'seven', 'Enter a number'],
    ['a fraction for a whole number', z.int(), 2.5, 'Use a whole number'],
    ['a missing field', z.string(), undefined, 'This is required'],
    ['null', z.string(), null, 'Give a value, not null'],
    ['above a maximum', z.number().max(10), 11, 'Must be at most 10'],
    ['below a minimum', z.number().min(1), 0, 'Must be at least 1'],
    ['an empty list', z.array(z.string()).min(1), [], 'Add at least one'],
    ['too many items', z.array(z.string()).max(2), ['a', 'b', 'c'], 'Use at most 2 items'],
    ['an unknown option', z.enum(['none', 'auto_advance']), 'sometimes', 'Choose one of "none" or "auto_advance"'],
    ['an email', z.email(), 'ada', 'Enter an email address, like name@example.com'],
    ['an id', z.uuid(), 'x', 'Not a known id: use the id of an existing record'],
    ['extra fields', z.strictObject({ a: z.string() }), { a: 'x', b: 1, c: 2 }, 'Unknown fields: b, c'],
  ])('%s', (_, schema, value, expected) => {
    expect(say(schema, value)).toBe(expected);
  });

  test('a range names both ends, whichever is crossed', () => {
    expect(say(PassThreshold, 101)).toBe('Must be between 0 and 100');
    expect(say(PassThreshold, -1)).toBe('Must be between 0 and 100');
  });

  test('one issue never hides another: the list rules still speak when a weight is a fraction', () => {
    const dimensions = [
      { name: 'Depth', weight: 50.5 },
      { name: 'depth ', weight: 49.5 },
    ];
    const profile = { name: 'S', persona: 'p', use_case: 'hiring', evaluation_dimensions: dimensions };
    const parsed = CreateAgentProfileInput.safeParse(profile);
    // zod stops at the fractional weights, before the list's own rules …
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'evaluation_dimensions.0.weight',
      'evaluation_dimensions.1.weight',
    ]);
    // … which a form asks separately, on the list as typed.
    expect(dimensionListIssues(dimensions)).toEqual([
      { path: [1, 'name'], message: 'dimension name "depth" is used twice' },
    ]);
    expect(
      dimensionListIssues([
        { name: 'A', weight: 60 },
        { name: 'B', weight: 30 },
      ]),
    ).toEqual([{ path: [], message: 'weights must sum to exactly 100 (they sum to 90)' }]);
  });

  test('no message reads like a parser: no "expected", "received", "<=" or "Invalid input"', () => {
    const samples = [
      say(z.string().min(1), ''),
      say(z.int(), 1.5),
      say(z.number().max(3), 4),
      say(z.object({ a: z.number() }), { a: 'b' }),
      say(z.union([z.string(), z.number()]), true),
    ];
    for (const s of samples) expect(s).not.toMatch(/expected|received|<=|>=|Invalid input/);
  });
});
