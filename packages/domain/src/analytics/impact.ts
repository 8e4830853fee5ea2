import { z } from 'zod';
import {
  type Categories,
  RACE_ETHNICITY_CATEGORIES,
  type RaceEthnicityCategory,
  SEX_CATEGORIES,
  type SexCategory,
} from '../self-identification/categories.ts';
import { fisherExactTwoSided } from './fisher.ts';

/**
 * Impact ratios per category (docs/rules.md#adverse-impact): each category's rate of a favourable outcome
 * (selected, or scored above the median) against the category with the highest rate, the four-fifths flag,
 * and a two-sided Fisher exact p-value for the difference. Small samples are honest: a category with fewer
 * than `MIN_GROUP_SIZE` people is "insufficient data" (counted, never compared), and what is shown or
 * exported writes a count under `SMALL_CELL` as "<5" (`shownCount`).
 */

/** A category is compared (and can be the reference) only with at least this many people counted in it. */
export const MIN_GROUP_SIZE = 10;
/** Counts from 1 to 4 are shown as "<5" on the page and in the export: a person could be picked out of fewer. */
export const SMALL_CELL = 5;
/** The four-fifths rule: a ratio under 4/5 of the highest rate is flagged. */
export const FOUR_FIFTHS = { numerator: 4, denominator: 5 } as const;

/** A count as the page and the bias-audit export show it: "<5" from 1 to 4 (zero names nobody, so it shows). */
export const shownCount = (n: number): string => (n > 0 && n < SMALL_CELL ? `<${SMALL_CELL}` : String(n));

export const ImpactStatus = z.enum(['reference', 'compared', 'insufficient_data']);
export type ImpactStatus = z.infer<typeof ImpactStatus>;

export const ImpactRow = z.object({
  /** The category: a sex, a race/ethnicity, or both for an intersection; `null` for the dimension not used. */
  sex: z.enum(SEX_CATEGORIES).nullable(),
  race_ethnicity: z.enum(RACE_ETHNICITY_CATEGORIES).nullable(),
  /** People of the category counted (N). */
  n: z.int(),
  /** Of those, how many had the favourable outcome (selected, or scored above the median). */
  selected: z.int(),
  /** `selected / n`; `null` with insufficient data. */
  rate: z.number().nullable(),
  /** `rate` over the reference category's rate; `null` with insufficient data or when no one was selected. */
  impact_ratio: z.number().nullable(),
  /** The ratio is under four fifths; `null` when there is no ratio. */
  below_four_fifths: z.boolean().nullable(),
  /** Two-sided Fisher exact test of this category against the reference; `null` for the reference itself. */
  p_value: z.number().nullable(),
  status: ImpactStatus,
});
export type ImpactRow = z.infer<typeof ImpactRow>;

export const ImpactTable = z.object({
  /** Everyone counted, whether their category is known or not. */
  counted: z.int(),
  /** Counted, but with no category: they did not answer, or declined. Not in any row. */
  unknown: z.int(),
  rows: z.array(ImpactRow),
});
export type ImpactTable = z.infer<typeof ImpactTable>;

/** One outcome, three ways: by sex, by race/ethnicity, and by their intersection (sex × race/ethnicity). */
export const ImpactFigures = z.object({
  by_sex: ImpactTable,
  by_race_ethnicity: ImpactTable,
  by_intersection: ImpactTable,
});
export type ImpactFigures = z.infer<typeof ImpactFigures>;

/** `count` people of the same categories with the same outcome. */
export interface Observation extends Categories {
  readonly selected: boolean;
  readonly count: number;
}

interface Cell {
  readonly sex: SexCategory | null;
  readonly race_ethnicity: RaceEthnicityCategory | null;
  n: number;
  selected: number;
}

/** Whether `a`'s rate is above `b`'s, compared exactly (a.selected / a.n > b.selected / b.n, crosswise). */
const higher = (a: Cell, b: Cell) => a.selected * b.n > b.selected * a.n;

/**
 * The rows of one dimension, in the categories' order. The reference is the highest rate among the
 * categories with enough people (the first of equals); every other such category is compared with it.
 */
export function impactRows(cells: readonly Cell[]): ImpactRow[] {
  const sufficient = cells.filter((c) => c.n >= MIN_GROUP_SIZE);
  const reference = sufficient.reduce<Cell | undefined>((best, c) => (!best || higher(c, best) ? c : best), undefined);
  return cells.map((c): ImpactRow => {
    const base = { sex: c.sex, race_ethnicity: c.race_ethnicity, n: c.n, selected: c.selected };
    if (c.n < MIN_GROUP_SIZE || !reference) {
      return {
        ...base,
        rate: null,
        impact_ratio: null,
        below_four_fifths: null,
        p_value: null,
        status: 'insufficient_data',
      };
    }
    const rate = c.selected / c.n;
    // With nobody selected in the best category there is nothing to take a ratio of.
    const ratio = reference.selected === 0 ? null : (c.selected * reference.n) / (reference.selected * c.n);
    const below =
      reference.selected === 0
        ? null
        : FOUR_FIFTHS.denominator * c.selected * reference.n < FOUR_FIFTHS.numerator * c.n * reference.selected;
    if (c === reference) {
      return { ...base, rate, impact_ratio: ratio, below_four_fifths: below, p_value: null, status: 'reference' };
    }
    const p = fisherExactTwoSided(c.selected, c.n - c.selected, reference.selected, reference.n - reference.selected);
    return { ...base, rate, impact_ratio: ratio, below_four_fifths: below, p_value: p, status: 'compared' };
  });
}

/**
 * docs/rules.md#adverse-impact: the outcome of everyone observed, by sex, by race/ethnicity and by their
 * intersection. Someone whose category is unknown in a dimension is counted there as `unknown`; an
 * intersection needs both.
 */
export function impactFigures(observations: Iterable<Observation>): ImpactFigures {
  const sex = new Map(SEX_CATEGORIES.map((s) => [s, { sex: s, race_ethnicity: null, n: 0, selected: 0 } as Cell]));
  const race = new Map(
    RACE_ETHNICITY_CATEGORIES.map((r) => [r, { sex: null, race_ethnicity: r, n: 0, selected: 0 } as Cell]),
  );
  const both = new Map(
    SEX_CATEGORIES.flatMap((s) =>
      RACE_ETHNICITY_CATEGORIES.map((r) => [`${s} ${r}`, { sex: s, race_ethnicity: r, n: 0, selected: 0 } as Cell]),
    ),
  );
  let counted = 0;
  const unknown = { sex: 0, race: 0, both: 0 };
  const add = (cell: Cell | undefined, o: Observation, dimension: keyof typeof unknown) => {
    if (!cell) {
      unknown[dimension] += o.count;
      return;
    }
    cell.n += o.count;
    if (o.selected) cell.selected += o.count;
  };
  for (const o of observations) {
    counted += o.count;
    add(o.sex ? sex.get(o.sex) : undefined, o, 'sex');
    add(o.race_ethnicity ? race.get(o.race_ethnicity) : undefined, o, 'race');
    add(o.sex && o.race_ethnicity ? both.get(`${o.sex} ${o.race_ethnicity}`) : undefined, o, 'both');
  }
  const table = (cells: Map<string, Cell>, unknownCount: number): ImpactTable => ({
    counted,
    unknown: unknownCount,
    rows: impactRows([...cells.values()]),
  });
  return {
    by_sex: table(sex, unknown.sex),
    by_race_ethnicity: table(race, unknown.race),
    by_intersection: table(both, unknown.both),
  };
}
