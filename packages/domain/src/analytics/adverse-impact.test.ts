import { describe, expect, it } from 'vitest';
import {
  adverseImpactFigures,
  type CategoryProgressGroup,
  type CategoryScoreGroup,
  type CategoryStatusGroup,
  stageScoring,
} from './adverse-impact.ts';
import { impactUnderRules } from './simulation-impact.ts';

const STAGE = 'stage-1';
const group = (
  over: Partial<CategoryProgressGroup> & Pick<CategoryProgressGroup, 'sex' | 'race_ethnicity' | 'count'>,
): CategoryProgressGroup => ({
  stage_id: STAGE,
  state: 'passed',
  open: false,
  status: 'active',
  ended_here: false,
  advanced_by_decision: false,
  ...over,
});

describe('selection at a stage', () => {
  const progress: CategoryProgressGroup[] = [
    // Moved on having passed, and moved on by a reviewer: both selected.
    group({ sex: 'female', race_ethnicity: 'asian', count: 8 }),
    group({ sex: 'female', race_ethnicity: 'asian', count: 4, advanced_by_decision: true }),
    // Rejected there: not selected.
    group({ sex: 'male', race_ethnicity: 'white', count: 6, state: 'failed', status: 'rejected', ended_here: true }),
    group({ sex: 'male', race_ethnicity: 'white', count: 6 }),
    // Still there, and withdrawn there: left out either way.
    group({ sex: 'male', race_ethnicity: 'white', count: 9, open: true, state: 'pending' }),
    group({
      sex: 'female',
      race_ethnicity: 'asian',
      count: 3,
      state: 'pending',
      status: 'withdrawn',
      ended_here: true,
    }),
    // Declined to answer, and no record: unknown.
    group({ sex: 'decline_to_answer', race_ethnicity: 'decline_to_answer', count: 2 }),
    group({ sex: null, race_ethnicity: null, count: 5, state: 'failed', status: 'rejected', ended_here: true }),
    // Another stage's rows are not this stage's.
    group({ stage_id: 'stage-2', sex: 'male', race_ethnicity: 'white', count: 50 }),
  ];
  const statuses: CategoryStatusGroup[] = [
    { status: 'completed', sex: 'female', race_ethnicity: 'asian', count: 11 },
    { status: 'rejected', sex: 'male', race_ethnicity: 'white', count: 10 },
    { status: 'completed', sex: 'male', race_ethnicity: 'white', count: 2 },
    { status: 'active', sex: 'male', race_ethnicity: 'white', count: 40 },
    { status: 'withdrawn', sex: 'female', race_ethnicity: 'asian', count: 1 },
    { status: 'completed', sex: 'decline_to_answer', race_ethnicity: 'white', count: 3 },
    { status: 'rejected', sex: null, race_ethnicity: null, count: 7 },
  ];
  const answer = adverseImpactFigures([STAGE], { progress, statuses, scores: [] });
  const stage = answer.by_stage[0]!;

  it('counts who moved on as selected and who was rejected there as not; the rest are left out', () => {
    expect(stage.selection.by_sex).toMatchObject({ counted: 31, unknown: 7 });
    const [male, female] = stage.selection.by_sex.rows;
    expect(female).toMatchObject({ n: 12, selected: 12, status: 'reference' });
    expect(male).toMatchObject({ n: 12, selected: 6, rate: 0.5, impact_ratio: 0.5, below_four_fifths: true });
    // SciPy: fisher_exact([[6, 6], [12, 0]]) → 0.013729977116704806.
    expect(male!.p_value).toBeCloseTo(0.013729977116704806, 10);
  });

  it('over the whole template: completed against rejected', () => {
    const [male, female] = answer.template.by_sex.rows;
    expect(answer.template.by_sex).toMatchObject({ counted: 33, unknown: 10 });
    expect(female).toMatchObject({ n: 11, selected: 11, status: 'reference' });
    expect(male).toMatchObject({ n: 12, selected: 2, below_four_fifths: true });
    expect(answer.template.by_race_ethnicity.rows.find((r) => r.race_ethnicity === 'white')).toMatchObject({
      n: 15,
      selected: 5,
    });
  });

  it('counts the cohort’s self-identified, declining included', () => {
    expect(answer.self_identified).toBe(11 + 10 + 2 + 40 + 1 + 3);
    expect(answer.min_group_size).toBe(10);
  });

  it('has no scoring where nobody has a result', () => {
    expect(stage.scoring).toBeNull();
  });
});

describe('the scoring rate: the share scoring above the median of everyone’s latest result', () => {
  const scores: CategoryScoreGroup[] = [
    { stage_id: STAGE, score: 90, sex: 'female', race_ethnicity: null, count: 6 },
    { stage_id: STAGE, score: 70, sex: 'female', race_ethnicity: null, count: 4 },
    { stage_id: STAGE, score: 80, sex: 'male', race_ethnicity: null, count: 3 },
    { stage_id: STAGE, score: 60, sex: 'male', race_ethnicity: null, count: 7 },
    // Unknown people count towards the median too.
    { stage_id: STAGE, score: 75, sex: null, race_ethnicity: null, count: 1 },
  ];

  it('takes the median of all 21 results, and counts only those strictly above it', () => {
    const scoring = stageScoring(STAGE, scores)!;
    // Sorted: 60×7, 70×4, 75, 80×3, 90×6: the 11th of 21 is 70, and a 70 is not above it.
    expect(scoring).toMatchObject({ results: 21, median_score: 70 });
    const [male, female] = scoring.figures.by_sex.rows;
    expect(female).toMatchObject({ n: 10, selected: 6, rate: 0.6, status: 'reference' });
    expect(male).toMatchObject({ n: 10, selected: 3, rate: 0.3, impact_ratio: 0.5, below_four_fifths: true });
    expect(scoring.figures.by_sex.unknown).toBe(1);
  });
});

describe('impact ratios under each rule set', () => {
  const categories = new Map([
    ['p1', { sex: 'female' as const, race_ethnicity: null }],
    ['p2', { sex: 'male' as const, race_ethnicity: null }],
  ]);

  it('counts passes before and after; those who would not reach the stage are left out after', () => {
    const [impact] = impactUnderRules(
      [STAGE],
      [
        { stage_id: STAGE, participant_id: 'p1', recorded: true, simulated: false },
        { stage_id: STAGE, participant_id: 'p2', recorded: true, simulated: null },
        { stage_id: STAGE, participant_id: 'p3', recorded: false, simulated: false },
      ],
      categories,
    )!;
    expect(impact!.recorded.by_sex).toMatchObject({ counted: 3, unknown: 1 });
    expect(impact!.recorded.by_sex.rows.map((r) => [r.n, r.selected])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(impact!.simulated.by_sex).toMatchObject({ counted: 2, unknown: 1 });
    expect(impact!.simulated.by_sex.rows.map((r) => [r.n, r.selected])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it('is null when none of the replayed self-identified', () => {
    expect(
      impactUnderRules(
        [STAGE],
        [{ stage_id: STAGE, participant_id: 'p9', recorded: true, simulated: true }],
        categories,
      ),
    ).toBeNull();
  });
});
