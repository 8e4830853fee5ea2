/** The longest `type` a stage may have (schemas/stage.ts: `type: text(64)`). */
const MAX_TYPE_LENGTH = 64;

/** Used when a name has no letters or digits at all (e.g. "???"), so a derived type is never empty. */
const FALLBACK_TYPE = 'stage';

/** `phone_screen` → `Phone Screen`: a stage's default name, from its type (docs/entities.md#evaluation-stage). */
export function titleCase(type: string): string {
  return type
    .split(/[\s_-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * `Phone Screen` → `phone_screen`: an imported stage's type when it has only a name (docs/rules.md#import-and-export).
 * Accents are dropped so `Entrevista técnica` gives `entrevista_tecnica`; letters of other scripts
 * are kept, so a name in any language still gives a usable type.
 */
export function typeFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  const short = truncate(slug, MAX_TYPE_LENGTH).replace(/_+$/, '');
  return short || FALLBACK_TYPE;
}

/** Cuts by whole code points, so a character outside the BMP is never split in half. */
function truncate(text: string, maxLength: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > maxLength) break;
    out += char;
  }
  return out;
}
