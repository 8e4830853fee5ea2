import { describe, expect, it } from 'vitest';
import { hoursOf, medianAndP90, quantile, quantileOfRuns, share } from './statistics.ts';

describe('quantiles by linear interpolation between the nearest ranks', () => {
  it.each([
    { values: [], p: 0.5, expected: null },
    { values: [7], p: 0.5, expected: 7 },
    { values: [7], p: 0.9, expected: 7 },
    { values: [1, 2], p: 0.5, expected: 1.5 },
    { values: [1, 2, 3], p: 0.5, expected: 2 },
    { values: [1, 2, 3, 4], p: 0.5, expected: 2.5 },
    { values: [1, 2, 3, 4], p: 0.9, expected: 3.7 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.9, expected: 9.1 },
    { values: [10, 20, 30, 40, 50], p: 0, expected: 10 },
    { values: [10, 20, 30, 40, 50], p: 1, expected: 50 },
    { values: [10, 20, 30, 40, 50], p: 0.25, expected: 20 },
    { values: [0, 100], p: 0.9, expected: 90 },
  ])('the $p quantile of $values is $expected', ({ values, p, expected }) => {
    const got = quantile(values, p);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 10);
  });

  it('reads runs as the values they stand for', () => {
    const runs = [
      { value: 1, count: 2 },
      { value: 5, count: 1 },
      { value: 9, count: 3 },
    ];
    const values = [1, 1, 5, 9, 9, 9];
    for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(quantileOfRuns(runs, p)).toBe(quantile(values, p));
    expect(quantileOfRuns([], 0.5)).toBeNull();
  });

  it('gives the median and the 90th percentile together', () => {
    expect(medianAndP90([1, 2, 3, 4])).toEqual({ median: 2.5, p90: expect.closeTo(3.7, 10) });
    expect(medianAndP90([])).toEqual({ median: null, p90: null });
  });
});

describe('shares and hours', () => {
  it('takes a share of a whole, none of nothing', () => {
    expect(share(3, 4)).toBe(0.75);
    expect(share(0, 4)).toBe(0);
    expect(share(0, 0)).toBeNull();
  });
  it('turns milliseconds into hours to two decimals', () => {
    expect(hoursOf(3_600_000)).toBe(1);
    expect(hoursOf(5_400_000)).toBe(1.5);
    expect(hoursOf(60_000)).toBe(0.02);
    expect(hoursOf(null)).toBeNull();
  });
});
