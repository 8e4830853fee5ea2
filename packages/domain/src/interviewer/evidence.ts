import type { PromptTurn } from './data-block.ts';

/**
 * Evidence an interviewer's score rests on (docs/rules.md#scoring-with-evidence): the scoring model
 * quotes the participant for every dimension, and each quote is kept only when the participant
 * really said it, in one of their own turns of the transcript. The interviewer's turns never count:
 * a model quoting its own question back is not evidence of anything the participant can do.
 */

/** A turn of a session's record as stored: `speaker` is a role or a display name. */
export interface RecordedTurn {
  readonly speaker: string;
  readonly text: string;
}

/** The speaker a live interview writes for the participant's turns; the interviewer's is `interviewer`. */
export const PARTICIPANT_SPEAKER = 'participant';

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * Whether the participant said this turn: its speaker is `participant` or the participant's own name
 * (transcripts typed in by staff name people), ignoring case and surrounding spaces. Anyone else,
 * the interviewer included, is not the participant.
 */
export function isParticipantTurn(turn: Pick<RecordedTurn, 'speaker'>, participantName: string | null): boolean {
  if (sameName(turn.speaker, PARTICIPANT_SPEAKER)) return true;
  return participantName !== null && participantName.trim() !== '' && sameName(turn.speaker, participantName);
}

/** The record as the scoring prompt shows it: each turn the participant's or the interviewer's. */
export const scoringRecord = (turns: readonly RecordedTurn[], participantName: string | null): PromptTurn[] =>
  turns.map((t) => ({ speaker: isParticipantTurn(t, participantName) ? 'participant' : 'interviewer', text: t.text }));

/** A quote needs this many letters or digits: "yes" or "I did" backs no score. */
export const MIN_QUOTE_LETTERS = 6;

/** Typographic quotes and apostrophes read as their plain forms, so a model's straightened quote still matches. */
const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
};

/**
 * Text as quotes are compared: Unicode compatibility forms folded (NFKC), lower case, typographic
 * quotes as plain ones, and every run of whitespace (line breaks included) as one space.
 */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033]/g, (c) => TYPOGRAPHIC[c] ?? c)
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * What a quote must match: its comparable form without the quotation marks, ellipses and sentence
 * punctuation a model puts around an excerpt. Inside, every word must be as said: an elision ("I
 * built … the queue") is not verbatim and is not found.
 */
export function quoteText(quote: string): string {
  return comparable(quote).replace(/^[\s"'«»‹›.…,;:!?()[\]-]+|[\s"'«»‹›.…,;:!?()[\]-]+$/gu, '');
}

const LETTER = /[\p{L}\p{N}]/u;
const letters = (text: string) => (text.match(/[\p{L}\p{N}]/gu) ?? []).length;

/** Whether `needle` occurs in `haystack` as whole words: not the middle of a longer word at either end. */
function containsWords(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const startsWord = !LETTER.test(needle[0] ?? '') || before === undefined || !LETTER.test(before);
    const endsWord = !LETTER.test(needle.at(-1) ?? '') || after === undefined || !LETTER.test(after);
    if (startsWord && endsWord) return true;
  }
  return false;
}

export interface VerifiedQuotes {
  /** The quotes found, as the model wrote them (trimmed), each once, in its order. */
  readonly verified: string[];
  /** Quotes dropped: not in any of the participant's turns, or too short to back a score. */
  readonly dropped: number;
}

/**
 * Checks each quote against the participant's own turns (`participantTexts`): whitespace and case do
 * not matter, each quote must sit inside one turn as whole words, and a quote given twice counts once.
 */
export function verifyQuotes(quotes: readonly string[], participantTexts: readonly string[]): VerifiedQuotes {
  const said = participantTexts.map(comparable);
  const verified: string[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const quote of quotes) {
    const needle = quoteText(quote);
    if (seen.has(needle)) continue;
    if (letters(needle) < MIN_QUOTE_LETTERS || !said.some((turn) => containsWords(turn, needle))) {
      dropped += 1;
      continue;
    }
    seen.add(needle);
    verified.push(quote.trim());
  }
  return { verified, dropped };
}

/** The words of the participant's own turns, the only place evidence may come from. */
export const participantTexts = (turns: readonly RecordedTurn[], participantName: string | null): string[] =>
  turns.filter((t) => isParticipantTurn(t, participantName)).map((t) => t.text);
