import { readFileSync } from 'node:fs';
import { portalCopy } from '@stageflow/domain';
import { describe, expect, test } from 'vitest';
import { PORTAL_SCRIPT } from './portal-answer-pages.ts';
import { INTERVIEW_SCRIPT } from './portal-interview-script.ts';

/**
 * The portal's page files hold no words of their own (docs/surfaces.md#portal-language): every string a
 * participant reads comes from the catalogue (packages/domain/src/portal/copy). A source check, kept
 * simple: no text node that starts with a word, no English sentence in a string, no words in attributes
 * a person reads. A page added to the portal is listed here.
 */
const PAGE_FILES = [
  'portal-pages.ts',
  'portal-notice-pages.ts',
  'portal-answer-pages.ts',
  'portal-interview-pages.ts',
  'portal-interview-api.ts',
  'portal-self-identification-pages.ts',
];

/** The file without its comments: they may say anything. */
function code(file: string): string {
  return readFileSync(new URL(file, import.meta.url), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/ .*$/gm, '');
}

describe('the portal pages take every word from the catalogue', () => {
  test.each(PAGE_FILES)('%s', (file) => {
    const source = code(file);
    // `>Continue</button>`, `<h1>Your evaluation`: a word right after a tag.
    expect(source.match(/>[A-Za-z][a-z]+[\s<.,:;!?'’]/g) ?? []).toEqual([]);
    // `'Open your link again'`: a sentence in a string.
    expect(source.match(/['"`][A-Z][a-z]+ [a-z]+ /g) ?? []).toEqual([]);
    // Words a screen reader or a tooltip reads.
    expect(source.match(/(?:aria-label|title|placeholder|alt)="[A-Za-z]/g) ?? []).toEqual([]);
  });

  test('the check finds words where there are some', () => {
    const offending = "<h1>Your evaluation</h1> <button>Continue</button> const t = 'Open your link'";
    expect(offending.match(/>[A-Za-z][a-z]+[\s<.,:;!?'’]/g)).toHaveLength(2);
    expect(offending.match(/['"`][A-Z][a-z]+ [a-z]+ /g)).toHaveLength(1);
  });

  test('/p/portal.js has no words of its own: the page hands it the copy', () => {
    for (const language of ['en', 'es']) {
      for (const words of Object.values(portalCopy(language).answers.script)) {
        // `{n} of {max} characters`: each piece long enough to be a word of its own.
        const pieces = words.split(/\{\w+\}/).map((piece) => piece.trim());
        for (const piece of pieces.filter((p) => p.length >= 4)) expect(PORTAL_SCRIPT).not.toContain(piece);
      }
    }
    expect(PORTAL_SCRIPT.match(/['"`][A-Z][a-z]+ [a-z]+/g) ?? []).toEqual([]);
  });

  test('/p/interview.js has no words of its own: the page hands it the copy', () => {
    for (const language of ['en', 'es']) {
      const w = portalCopy(language).interview;
      const said = [...Object.values(w.script), w.interviewer, w.you, w.tryAgain, ...Object.values(w.ended)];
      for (const words of said) {
        const pieces = words.split(/\{\w+\}/).map((piece) => piece.trim());
        for (const piece of pieces.filter((p) => p.length >= 4)) expect(INTERVIEW_SCRIPT).not.toContain(piece);
      }
    }
    expect(INTERVIEW_SCRIPT.match(/['"`][A-Z][a-z]+ [a-z]+/g) ?? []).toEqual([]);
  });
});
