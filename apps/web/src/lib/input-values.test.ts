import { describe, expect, it } from 'vitest';
import { numberOrNull, numberOrUndefined, splitList, stringOrNull, stringOrUndefined } from './input-values.ts';

describe('input converters', () => {
  it.each([
    ['', undefined, null],
    ['0', 0, 0],
    ['60.5', 60.5, 60.5],
    [150, 150, 150],
    [null, undefined, null],
  ])('%j → %j (default) or %j (none)', (raw, asUndefined, asNull) => {
    expect(numberOrUndefined(raw)).toBe(asUndefined);
    expect(numberOrNull(raw)).toBe(asNull);
  });

  it('keeps non-numbers visible to the schema as NaN rather than hiding them', () => {
    expect(numberOrUndefined('abc')).toBeNaN();
  });

  it('maps an empty select to null or undefined', () => {
    expect(stringOrNull('')).toBeNull();
    expect(stringOrUndefined('')).toBeUndefined();
    expect(stringOrNull('x')).toBe('x');
  });

  it('splits a comma list, dropping blanks', () => {
    expect(splitList('Go, SQL,  , Kafka')).toEqual(['Go', 'SQL', 'Kafka']);
    expect(splitList('')).toEqual([]);
  });
});
