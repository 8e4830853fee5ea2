/**
 * Fisher's exact test, two-sided, for a 2 × 2 table (docs/rules.md#adverse-impact):
 *
 *                 selected   not selected
 *   category         a            b
 *   reference        c            d
 *
 * With the margins fixed, the top-left cell x follows the hypergeometric distribution
 * P(x) = C(a+b, x) · C(c+d, a+c−x) / C(n, a+c). The two-sided p-value is the probability of every table
 * at most as likely as the one observed, as R's `fisher.test` and SciPy's `fisher_exact` compute it
 * (with R's relative tolerance of 1e−7, so tables equally likely on paper count despite rounding).
 *
 * The probabilities are built from the ratio of neighbouring terms, in logarithms, so no factorial is
 * ever formed and 100k participants neither overflow nor lose the small tail probabilities that matter.
 */

const RELATIVE_TOLERANCE = 1 + 1e-7;

export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const cell of [a, b, c, d]) {
    if (!Number.isInteger(cell) || cell < 0) throw new RangeError(`a 2 × 2 table holds counts, not ${cell}`);
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const low = Math.max(0, col1 - row2);
  const high = Math.min(row1, col1);
  if (low === high) return 1;
  // log P(x) up to a constant, from x = low upwards: P(x+1)/P(x) = (row1−x)(col1−x) / ((x+1)(row2−col1+x+1)).
  const logs = new Float64Array(high - low + 1);
  for (let x = low; x < high; x++) {
    logs[x - low + 1] = logs[x - low]! + Math.log(((row1 - x) * (col1 - x)) / ((x + 1) * (row2 - col1 + x + 1)));
  }
  let peak = Number.NEGATIVE_INFINITY;
  for (const log of logs) peak = Math.max(peak, log);
  const observed = logs[a - low]!;
  let total = 0;
  let asLikely = 0;
  for (const log of logs) {
    const p = Math.exp(log - peak);
    total += p;
    if (log <= observed + Math.log(RELATIVE_TOLERANCE)) asLikely += p;
  }
  return Math.min(1, asLikely / total);
}
