import { describe, expect, it } from 'vitest';
import type { Categories } from '../self-identification/categories.ts';
import { fisherExactTwoSided } from './fisher.ts';
import { impactFigures, MIN_GROUP_SIZE, type Observation, shownCount } from './impact.ts';

/** `selected` of `n` people of these categories, as observations. */
const people = (categories: Categories, n: number, selected: number): Observation[] => [
  { ...categories, selected: true, count: selected },
  { ...categories, selected: false, count: n - selected },
];
const who = (sex: Categories['sex'], race_ethnicity: Categories['race_ethnicity'] = null): Categories => ({
  sex,
  race_ethnicity,
});

describe('impact ratios against the highest rate', () => {
  // 60 of 100 women selected, 40 of 100 men: men's ratio 40% / 60% = 0.67, under four fifths.
  const figures = impactFigures([...people(who('female', 'white'), 100, 60), ...people(who('male', 'asian'), 100, 40)]);
  const [male, female] = figures.by_sex.rows;

  it('takes the highest rate as the reference and compares the others with it', () => {
    expect(female).toMatchObject({
      n: 100,
      selected: 60,
      rate: 0.6,
      impact_ratio: 1,
      status: 'reference',
      p_value: null,
    });
    expect(female!.below_four_fifths).toBe(false);
    expect(male).toMatchObject({ n: 100, selected: 40, rate: 0.4, status: 'compared', below_four_fifths: true });
    expect(male!.impact_ratio).toBeCloseTo(2 / 3, 12);
  });

  it('gives each comparison its two-sided Fisher exact p-value against the reference', () => {
    expect(male!.p_value).toBeCloseTo(fisherExactTwoSided(40, 60, 60, 40), 12);
    // SciPy: fisher_exact([[40, 60], [60, 40]]) → 0.007059515495016248.
    expect(male!.p_value).toBeCloseTo(0.007059515495016248, 10);
  });

  it('flags under four fifths exactly: 4 of 5 of the best rate is not flagged, a hair less is', () => {
    const exact = impactFigures([...people(who('female'), 50, 50), ...people(who('male'), 50, 40)]);
    expect(exact.by_sex.rows[0]).toMatchObject({ impact_ratio: 0.8, below_four_fifths: false });
    const under = impactFigures([...people(who('female'), 50, 50), ...people(who('male'), 51, 40)]);
    expect(under.by_sex.rows[0]).toMatchObject({ below_four_fifths: true });
  });

  it('lists every category of a dimension in the form’s order, and the intersections of both', () => {
    expect(figures.by_sex.rows.map((r) => r.sex)).toEqual(['male', 'female']);
    expect(figures.by_race_ethnicity.rows.map((r) => r.race_ethnicity)).toEqual([
      'hispanic_or_latino',
      'white',
      'black_or_african_american',
      'native_hawaiian_or_other_pacific_islander',
      'asian',
      'american_indian_or_alaska_native',
      'two_or_more_races',
    ]);
    expect(figures.by_intersection.rows).toHaveLength(14);
    const femaleWhite = figures.by_intersection.rows.find((r) => r.sex === 'female' && r.race_ethnicity === 'white');
    expect(femaleWhite).toMatchObject({ n: 100, selected: 60, status: 'reference' });
    const maleAsian = figures.by_intersection.rows.find((r) => r.sex === 'male' && r.race_ethnicity === 'asian');
    expect(maleAsian).toMatchObject({ n: 100, selected: 40, status: 'compared', below_four_fifths: true });
  });
});

describe('small samples and unknown categories', () => {
  it(`a category under ${MIN_GROUP_SIZE} people is insufficient data: counted, never compared nor the reference`, () => {
    // Nine women all selected would be the "best" rate; with too few, the men (20 of 30) are the reference.
    const figures = impactFigures([...people(who('female'), MIN_GROUP_SIZE - 1, 9), ...people(who('male'), 30, 20)]);
    const [male, female] = figures.by_sex.rows;
    expect(female).toMatchObject({
      n: 9,
      selected: 9,
      rate: null,
      impact_ratio: null,
      below_four_fifths: null,
      p_value: null,
      status: 'insufficient_data',
    });
    expect(male).toMatchObject({ status: 'reference', impact_ratio: 1 });
  });

  it(`exactly ${MIN_GROUP_SIZE} people are enough`, () => {
    const figures = impactFigures([...people(who('female'), MIN_GROUP_SIZE, 9), ...people(who('male'), 30, 20)]);
    expect(figures.by_sex.rows[1]).toMatchObject({ status: 'reference', rate: 0.9 });
  });

  it('counts whoever has no category (no answer or declined) as unknown, per dimension', () => {
    const figures = impactFigures([
      ...people(who('female', 'asian'), 12, 6),
      ...people(who('male', null), 15, 5),
      ...people(who(null, 'white'), 4, 1),
      ...people(who(null, null), 3, 3),
    ]);
    expect(figures.by_sex).toMatchObject({ counted: 34, unknown: 7 });
    expect(figures.by_race_ethnicity).toMatchObject({ counted: 34, unknown: 18 });
    expect(figures.by_intersection).toMatchObject({ counted: 34, unknown: 22 });
  });

  it('with nobody selected anywhere there is no ratio to flag', () => {
    const figures = impactFigures([...people(who('female'), 12, 0), ...people(who('male'), 12, 0)]);
    expect(figures.by_sex.rows.map((r) => [r.rate, r.impact_ratio, r.below_four_fifths, r.p_value])).toEqual([
      [0, null, null, null],
      [0, null, null, 1],
    ]);
  });

  it('writes counts from 1 to 4 as "<5" for the page and the export; zero and five show', () => {
    expect([0, 1, 4, 5, 123].map(shownCount)).toEqual(['0', '<5', '<5', '5', '123']);
  });
});
