import { describe, expect, test } from 'vitest';
import { CreateAgentProfileInput } from './agent-profile.ts';
import {
  HttpsUrl,
  isTimeZone,
  OptionalHttpsUrl,
  optionalText,
  reservedKeyPath,
  Text,
  TimeZone,
  text,
} from './common.ts';

const messages = (result: { error?: { issues: { message: string }[] } | undefined }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('Text: every text a caller sends', () => {
  test.each<[string, string, string | undefined]>([
    ['plain text', 'Jane Smith', undefined],
    ['accents and non-Latin scripts', 'Zoë Ångström 山田', undefined],
    ['an emoji (a surrogate pair)', 'on fire \u{1F525}', undefined],
    ['tabs and new lines', 'line one\n\tline two', undefined],
    ['a NUL character', 'Jane\u0000Smith', 'must not contain a NUL character (\\u0000)'],
    ['a NUL at the end', 'Jane\u0000', 'must not contain a NUL character (\\u0000)'],
    [
      'a lone high surrogate',
      'broken \uD83D',
      'must not contain an unpaired surrogate (text that is not valid Unicode)',
    ],
    [
      'a lone low surrogate',
      '\uDE00 broken',
      'must not contain an unpaired surrogate (text that is not valid Unicode)',
    ],
    ['two high surrogates', '\uD83D\uD83D', 'must not contain an unpaired surrogate (text that is not valid Unicode)'],
  ])('%s', (_, value, problem) => {
    for (const schema of [Text, text(100), optionalText(100)]) {
      expect(messages(schema.safeParse(value))).toEqual(problem ? [problem] : []);
    }
  });

  test('the limits still apply beside it, and text is trimmed', () => {
    expect(text(5).parse('  abc  ')).toBe('abc');
    expect(messages(text(5).safeParse('abcdef\u0000'))).toHaveLength(2);
    expect(text(5).safeParse('   ').success).toBe(false);
  });

  test('input schemas use it: a NUL in a persona names the field', () => {
    const profile = {
      name: 'Ava',
      persona: 'Hello\u0000',
      use_case: 'hiring',
      evaluation_dimensions: [{ name: 'Depth', weight: 100, description: 'x\uDE00' }],
    };
    const issues = CreateAgentProfileInput.safeParse(profile).error?.issues.map((i) => i.path.join('.'));
    expect(issues).toEqual(['persona', 'evaluation_dimensions.0.description']);
  });
});

describe('TimeZone: IANA names only', () => {
  test.each(['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Asia/Calcutta', 'Etc/GMT+1'])(
    '%s is a time zone',
    (zone) => {
      expect(isTimeZone(zone)).toBe(true);
      expect(TimeZone.parse(zone)).toBe(zone);
    },
  );

  test.each(['Mars/Olympus', 'Europe/Atlantis', 'next tuesday', '+02:00', 'UTC+2', '', 'Europe/Paris\u0000'])(
    '%j is refused',
    (zone) => {
      expect(isTimeZone(zone)).toBe(false);
      expect(TimeZone.safeParse(zone).success).toBe(false);
    },
  );

  test('the refusal names the zone and says what to use', () => {
    expect(messages(TimeZone.safeParse('Mars/Olympus'))).toEqual([
      'unknown time zone "Mars/Olympus": use an IANA name such as "UTC" or "Europe/Paris"',
    ]);
  });
});

describe('HttpsUrl: pictures and logos', () => {
  test.each(['https://example.com/logo.png', 'https://cdn.example.co.uk/a/b.svg?v=2', ' https://example.com/x '])(
    '%s is accepted',
    (url) => {
      expect(HttpsUrl.safeParse(url).success).toBe(true);
    },
  );

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:image/png;base64,AAAA',
    'http://example.com/logo.png',
    'ftp://example.com/logo.png',
    '//example.com/logo.png',
    'https://',
    'logo.png',
    `https://example.com/${'a'.repeat(2048)}`,
  ])('%s is refused', (url) => {
    const result = OptionalHttpsUrl.safeParse(url);
    expect(result.success).toBe(false);
  });

  test('empty means none', () => {
    for (const none of ['', null, undefined]) expect(OptionalHttpsUrl.safeParse(none).success).toBe(true);
  });
});

describe('reservedKeyPath: keys JavaScript gives a meaning of their own', () => {
  test.each<[string, string, (string | number)[] | undefined]>([
    ['a plain body', '{"name":"Jane","tags":["a"],"metadata":{"cohort":"A"}}', undefined],
    ['__proto__ at the top', '{"__proto__":{"admin":true}}', ['__proto__']],
    ['constructor in metadata', '{"metadata":{"constructor":"x"}}', ['metadata', 'constructor']],
    ['prototype in an array item', '{"participants":[{"name":"a"},{"prototype":1}]}', ['participants', 1, 'prototype']],
    ['a value that only mentions one', '{"note":"__proto__"}', undefined],
  ])('%s', (_, json, path) => {
    expect(reservedKeyPath(JSON.parse(json))).toEqual(path);
  });

  test('deep nesting does not overflow the stack', () => {
    const depth = 200_000;
    const json = `${'{"a":'.repeat(depth)}{"__proto__":1}${'}'.repeat(depth)}`;
    const path = reservedKeyPath(JSON.parse(json));
    expect(path).toHaveLength(depth + 1);
    expect(path?.at(-1)).toBe('__proto__');
  });
});
