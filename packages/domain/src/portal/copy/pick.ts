import { en, type PortalCopy } from './en.ts';
import { es } from './es.ts';

/**
 * Which copy of the portal a participant reads (docs/surfaces.md#portal-language): their template's
 * `language` when the portal has it, else English.
 */

/** Every language the portal is written in, by its tag in lowercase. A new language is one line here. */
const COPIES: Readonly<Record<string, PortalCopy>> = { en, es };

/** The tags the portal speaks, as written in each copy. */
export const PORTAL_LANGUAGES: readonly string[] = Object.values(COPIES).map((c) => c.language);

const copyOf = (tag: string): PortalCopy | undefined => (Object.hasOwn(COPIES, tag) ? COPIES[tag] : undefined);

/** The exact tag (`pt-BR`), else its primary subtag (`pt`), else undefined; case does not matter. */
function match(language: string): PortalCopy | undefined {
  const tag = language.trim().toLowerCase();
  if (tag === '') return undefined;
  return copyOf(tag) ?? copyOf(tag.split('-')[0] ?? '');
}

/** The copy for a template's language: exact tag, then primary subtag (`es-MX` → `es`), then English. */
export const portalCopy = (language: string | null | undefined): PortalCopy => match(language ?? '') ?? en;

/**
 * The copy for a visitor the portal cannot name yet (a link it does not know, a device without their
 * session): the first language of their browser's `Accept-Language` the portal has, by preference
 * (`q`), else English. Once the participant is known, their template's language decides.
 */
export function portalCopyForBrowser(acceptLanguage: string | null | undefined): PortalCopy {
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.split(';').map((s) => s.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { range, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.range !== '' && r.range !== '*' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { range } of ranges) {
    const copy = match(range);
    if (copy) return copy;
  }
  return en;
}
