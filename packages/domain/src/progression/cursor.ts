import { Text } from '../schemas/common.ts';

/**
 * The participants list's page cursor: the last row's `created_at` and `id` (newest first), in
 * base64url so it travels in a query string. Callers treat it as opaque; the storage reads it back with
 * `decodeParticipantCursor`, and the input schema refuses one that does not decode, so a mangled
 * cursor is a 400 naming `cursor` rather than a silent first page.
 */
export interface ParticipantCursor {
  readonly created_at: string;
  readonly id: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** base64url without padding, of ASCII text (what Node's `Buffer` calls `base64url`). */
function toBase64Url(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [ascii.charCodeAt(i), ascii.charCodeAt(i + 1), ascii.charCodeAt(i + 2)];
    const n = (a << 16) | ((i + 1 < ascii.length ? b : 0) << 8) | (i + 2 < ascii.length ? c : 0);
    const chars = Math.min(4, Math.ceil(((ascii.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The ASCII text a base64url string holds, or undefined when it is not base64url of ASCII text. */
function fromBase64Url(encoded: string): string | undefined {
  if (encoded.length % 4 === 1) return undefined;
  let out = '';
  let bits = 0;
  let value = 0;
  for (const char of encoded) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = ((value << 6) | digit) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (value >> bits) & 0xff;
      if (byte > 0x7e || byte < 0x20) return undefined;
      out += String.fromCharCode(byte);
    }
  }
  return out;
}

export const encodeParticipantCursor = (c: ParticipantCursor): string => toBase64Url(`${c.created_at}|${c.id}`);

export function decodeParticipantCursor(cursor: string): ParticipantCursor | undefined {
  const decoded = fromBase64Url(cursor);
  const [created_at, id, ...rest] = decoded?.split('|') ?? [];
  if (!created_at || !id || rest.length > 0 || !ISO_TIME.test(created_at) || !ID.test(id)) return undefined;
  return { created_at, id };
}

/** A `next_cursor` from a previous page of the same list. */
export const ParticipantCursorText = Text.max(500).refine((c) => decodeParticipantCursor(c) !== undefined, {
  error: "not a cursor this list gave out: pass a previous page's next_cursor unchanged",
});
