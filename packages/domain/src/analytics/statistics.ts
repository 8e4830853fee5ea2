/**
 * The statistics every analytics figure uses (docs/rules.md#analytics-figures), defined once: the
 * dashboard, the API and the tests read the same numbers.
 */

/** A value and how many times it occurs; a sorted list of runs is a sorted list of values, compressed. */
export interface Run {
  readonly value: number;
  readonly count: number;
}

/** The value at 0-based rank `k` of ascending runs. */
function valueAtRank(runs: readonly Run[], k: number): number {
  let seen = 0;
  for (const run of runs) {
    seen += run.count;
    if (k < seen) return run.value;
  }
  return runs.at(-1)?.value ?? Number.NaN;
}

/** Where the `p`-quantile of `n` ascending values lies: between the values at 0-based ranks `low` and `high`. */
export interface QuantileRanks {
  readonly low: number;
  readonly high: number;
  /** How far from the value at `low` toward the one at `high` (0 ≤ fraction < 1). */
  readonly fraction: number;
}

/**
 * The ranks the `p`-quantile (0 ≤ p ≤ 1) of `n` ascending values reads, by linear interpolation between the two
 * nearest ranks (the rule of spreadsheets' PERCENTILE.INC and numpy's default): rank h = (n − 1) · p, value
 * x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋). The median of 1, 2, 3, 4 is 2.5; its 90th percentile 3.7. `null` when n is 0.
 * A store that keeps the values in an index reads just these ranks (the funnel's stays, at any scale).
 */
export function quantileRanks(n: number, p: number): QuantileRanks | null {
  if (n === 0) return null;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const low = Math.floor(h);
  return { low, high: Math.min(low + 1, n - 1), fraction: h - low };
}

/** The quantile from the values at its ranks (`valueAt` answers for `low` and `high`). */
export function quantileAt(ranks: QuantileRanks | null, valueAt: (rank: number) => number): number | null {
  if (!ranks) return null;
  const low = valueAt(ranks.low);
  return low + ranks.fraction * (valueAt(ranks.high) - low);
}

/** The `p`-quantile of ascending runs (see `quantileRanks`); `null` when there are no values. */
export function quantileOfRuns(runs: readonly Run[], p: number): number | null {
  const n = runs.reduce((sum, r) => sum + r.count, 0);
  return quantileAt(quantileRanks(n, p), (rank) => valueAtRank(runs, rank));
}

/** The `p`-quantile of ascending values (see `quantileOfRuns`). */
export const quantile = (sorted: readonly number[], p: number): number | null =>
  quantileOfRuns(
    sorted.map((value) => ({ value, count: 1 })),
    p,
  );

/** Median and 90th percentile of ascending values; both `null` when there are none. */
export function medianAndP90(sorted: readonly number[]): { median: number | null; p90: number | null } {
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

/** `part / whole`, or `null` when there is no whole to take a share of (no one entered, say). */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const HOUR_MS = 3_600_000;

/** Milliseconds as hours, to two decimals: how the figures report durations and ages. */
export const hoursOf = (ms: number | null): number | null =>
  ms === null ? null : Math.round((ms / HOUR_MS) * 100) / 100;
