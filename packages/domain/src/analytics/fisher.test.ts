import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fisherExactTwoSided } from './fisher.ts';

/**
 * The two-sided p-values below are SciPy's `fisher_exact(table, alternative='two-sided')` (1.17), which
 * agrees with R's `fisher.test`; the first ones are also worked by hand in the comments.
 */
describe('Fisher exact test, two-sided', () => {
  it.each([
    // Margins 4, 4 / 4, 4: P(x) = C(4,x)·C(4,4−x)/70 = 1, 16, 36, 16, 1 over 70; as likely as x = 3 or less: 34/70.
    { table: [3, 1, 1, 3], p: 0.48571428571428565 },
    // The same table turned round is the same question.
    { table: [1, 3, 3, 1], p: 0.48571428571428565 },
    // Only the two most lopsided tables of C(10,5) = 252: 2/252.
    { table: [0, 5, 5, 0], p: 0.007936507936507938 },
    // 2 / C(20,10) = 2 / 184756.
    { table: [10, 0, 0, 10], p: 1.082508822446903e-5 },
    // The table nearest to even is as likely as can be: every table counts.
    { table: [2, 3, 3, 2], p: 1 },
    { table: [1, 9, 11, 3], p: 0.0027594561852200836 },
    { table: [7, 3, 2, 8], p: 0.06977851869492736 },
    { table: [12, 3, 8, 9], p: 0.07586771130563749 },
    { table: [45, 55, 30, 70], p: 0.040534006514982644 },
    { table: [120, 80, 90, 110], p: 0.0036351855558814402 },
    { table: [5000, 5000, 4800, 5200], p: 0.004878795768906845 },
    // Nobody selected in either row: one table is possible, so p is 1.
    { table: [0, 3, 0, 4], p: 1 },
  ])('[[$table.0, $table.1], [$table.2, $table.3]] → $p', ({ table, p }) => {
    const [a, b, c, d] = table as [number, number, number, number];
    expect(fisherExactTwoSided(a, b, c, d)).toBeCloseTo(p, 10);
    expect(fisherExactTwoSided(a, b, c, d) / p).toBeCloseTo(1, 6);
  });

  it('answers for a hundred thousand people, a tiny p without underflow to 0', () => {
    const p = fisherExactTwoSided(30_000, 20_000, 28_000, 22_000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-9);
  });

  it('refuses what is not a table of counts', () => {
    expect(() => fisherExactTwoSided(-1, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExactTwoSided(1.5, 2, 3, 4)).toThrow(RangeError);
  });

  /** The definition worked in exact integers: every table with the same margins, as likely or less. */
  function exactP(a: number, b: number, c: number, d: number): number {
    const choose = (n: number, k: number): bigint => {
      let r = 1n;
      for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
      return r;
    };
    const [r1, r2, c1] = [a + b, c + d, a + c];
    const weight = (x: number) => choose(r1, x) * choose(r2, c1 - x);
    const observed = weight(a);
    let total = 0n;
    let asLikely = 0n;
    for (let x = Math.max(0, c1 - r2); x <= Math.min(r1, c1); x++) {
      const w = weight(x);
      total += w;
      if (w <= observed) asLikely += w;
    }
    // Twelve significant digits survive the division of two big integers.
    return Number((asLikely * 10n ** 12n) / total) / 1e12;
  }

  it('agrees with the definition worked in exact integers, for any small table', () => {
    const count = fc.integer({ min: 0, max: 25 });
    fc.assert(
      fc.property(count, count, count, count, (a, b, c, d) => {
        expect(fisherExactTwoSided(a, b, c, d)).toBeCloseTo(exactP(a, b, c, d), 9);
      }),
      { numRuns: 300 },
    );
  });
});
