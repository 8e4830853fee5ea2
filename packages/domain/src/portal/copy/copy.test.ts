// The portal's catalogue (docs/surfaces.md#portal-language): which copy a language gets, and that each
// language other than English is a translation, not a copy.
import { describe, expect, it } from 'vitest';
import { en, type PortalCopy } from './en.ts';
import { es } from './es.ts';
import { PORTAL_LANGUAGES, portalCopy, portalCopyForBrowser } from './pick.ts';
import { refusal, refusalWords } from './refusal.ts';

describe('portalCopy: exact tag, then primary subtag, then English', () => {
  it.each([
    ['es', 'es'],
    ['es-MX', 'es'],
    ['es-419', 'es'],
    ['ES', 'es'],
    ['en', 'en'],
    ['EN', 'en'],
    ['en-GB', 'en'],
    ['pt-BR', 'en'],
    ['fr', 'en'],
    ['', 'en'],
    ['  es  ', 'es'],
    [null, 'en'],
    [undefined, 'en'],
    // Not a language the portal has, even though an object has such a key.
    ['constructor', 'en'],
    ['__proto__', 'en'],
  ])('%s → %s', (language, expected) => {
    expect(portalCopy(language).language).toBe(expected);
  });

  it('lists the languages it has', () => {
    expect(PORTAL_LANGUAGES).toEqual(['en', 'es']);
  });
});

describe("portalCopyForBrowser: the browser's first language the portal has, by preference", () => {
  it.each([
    ['es-ES,es;q=0.9,en;q=0.8', 'es'],
    ['fr-FR, fr;q=0.9, es;q=0.5', 'es'],
    ['en;q=0.2, es;q=0.9', 'es'],
    ['de, en;q=0.5, es;q=0.5', 'en'],
    ['es;q=0, en;q=0.1', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['garbage;;;q=x', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(portalCopyForBrowser(header).language).toBe(expected);
  });
});

/**
 * Every word of a copy by its path: strings as they are, functions called with the same sample values.
 * `dates` is left to its own test (a sample is not a date).
 */
function words(copy: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  const samples = ['Essay', 'Acme', 'completed', 3, 40] as const;
  const visit = (value: unknown, at: string) => {
    if (typeof value === 'string') out.set(at, value);
    else if (typeof value === 'function') {
      const said: unknown = value(...samples.slice(0, value.length));
      if (typeof said === 'string') out.set(`${at}()`, said);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(inner, at ? `${at}.${key}` : key);
    }
  };
  const { dates: _dates, ...rest } = copy as PortalCopy;
  visit(rest, path);
  return out;
}

describe('every language is a translation of en.ts', () => {
  const english = words(en);
  const others: [string, PortalCopy][] = [['es', es]];

  it.each(others)('%s has every key of en.ts and no other', (_, copy) => {
    const keys = (value: unknown): unknown =>
      value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys(v)]))
        : typeof value;
    expect(keys(copy)).toEqual(keys(en));
  });

  it.each(others)('%s says every string in its own words', (_, copy) => {
    const translated = words(copy);
    expect([...translated.keys()]).toEqual([...english.keys()]);
    const same = [...english].filter(([at, text]) => translated.get(at) === text).map(([at]) => at);
    expect(same).toEqual([]);
    // A long sample so that nothing slipped through as an empty string either.
    expect(english.size).toBeGreaterThan(150);
  });

  it('writes dates in its own locale', () => {
    const at = '2026-11-30T10:00:00.000Z';
    // The runtime's ICU data decides the joining words ("at", "a las"): the test holds to the parts.
    expect(en.dates.utc(at)).toMatch(/^30 November 2026\b.*10:00 \(UTC\)$/);
    expect(es.dates.utc(at)).toMatch(/^30 de noviembre de 2026\b.*10:00 \(UTC\)$/);
    expect(es.dates.inZone(at, 'Europe/Madrid')).toMatch(/^lunes, 30 de noviembre de 2026\b.*11:00$/);
    // A zone the runtime does not know still gives a time.
    expect(en.dates.inZone(at, 'Mars/Olympus')).toContain('2026');
  });

  it('words a refusal given as data in each language, dates included', () => {
    const said = refusal('coolDown', 'Essay', '2026-11-30T10:00:00.000Z');
    expect(refusalWords(said, en)).toBe(`You can take Essay again from ${en.dates.utc(said.args[1] as string)}.`);
    expect(refusalWords(said, es)).toMatch(
      /^Podrás volver a hacer Essay desde el 30 de noviembre de 2026\b.*\(UTC\)\.$/,
    );
  });
});
