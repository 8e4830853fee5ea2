import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { titleCase, typeFromName } from './names.ts';

describe('titleCase', () => {
  test.each([
    ['phone_screen', 'Phone Screen'],
    ['technical', 'Technical'],
    ['system-design', 'System Design'],
    ['API_design', 'API Design'],
    ['_lead__round_', 'Lead Round'],
    ['round_2', 'Round 2'],
  ])('given type %j, the default stage name is %j', (type, name) => {
    expect(titleCase(type)).toBe(name);
  });
});

describe('typeFromName', () => {
  test.each([
    ['Phone Screen', 'phone_screen'],
    ['Technical', 'technical'],
    ['  Final  ', 'final'],
    ['C++ / Go: Round #2', 'c_go_round_2'],
    ['Entrevista técnica', 'entrevista_tecnica'],
    ['面接', '面接'],
    ['???', 'stage'],
    ['', 'stage'],
  ])('given name %j, the derived type is %j', (name, type) => {
    expect(typeFromName(name)).toBe(type);
  });

  test('a long name is cut to 64 characters without a trailing underscore', () => {
    const type = typeFromName(`${'a'.repeat(63)} b`);
    expect(type).toBe('a'.repeat(63));
  });

  test('a character outside the BMP is never cut in half', () => {
    const type = typeFromName(`${'a'.repeat(63)}𠀀`);
    expect(type).toBe('a'.repeat(63));
  });

  test('any name gives a valid type: 1–64 characters, words joined by single underscores', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) => {
        const type = typeFromName(name);
        expect(type.length).toBeGreaterThanOrEqual(1);
        expect(type.length).toBeLessThanOrEqual(64);
        expect(type).toMatch(/^[\p{L}\p{N}]+(_[\p{L}\p{N}]+)*$/u);
        expect(typeFromName(type)).toBe(type);
      }),
    );
  });

  test('a slug-shaped type survives title case and back', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const type = words.join('_');
        expect(typeFromName(titleCase(type))).toBe(type);
      }),
    );
  });
});
