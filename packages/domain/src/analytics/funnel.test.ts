import { describe, expect, it } from 'vitest';
import {
  exitCounts,
  leftByStage,
  type ProgressGroup,
  type StageExit,
  stageExit,
  stageFunnels,
  stayLengthsAt,
  stayLengthsOf,
} from './funnel.ts';
import { openDecisionFigures } from './open-decisions.ts';
import { scoreBin, scoreDistributions } from './scores.ts';

type Facts = Omit<ProgressGroup, 'stage_id' | 'count'>;
const facts = (over: Partial<Facts>): Facts => ({
  state: 'passed',
  open: false,
  status: 'active',
  ended_here: false,
  advanced_by_decision: false,
  ...over,
});

describe('where a participant who entered a stage went (docs/rules.md#funnel)', () => {
  it.each<[string, Partial<Facts>, StageExit]>([
    ['still at the stage, whatever its state', { open: true, state: 'awaiting_decision' }, 'still_there'],
    ['still there, held passed', { open: true, state: 'passed' }, 'still_there'],
    ['moved on having passed', { state: 'passed' }, 'passed'],
    ['completed at the last stage', { state: 'passed', status: 'completed' }, 'passed'],
    ['moved on by a reviewer’s decision', { state: 'passed', advanced_by_decision: true }, 'advanced_by_reviewer'],
    ['advanced by hand without passing', { state: 'skipped' }, 'advanced_by_reviewer'],
    ['rejected there after failing', { state: 'failed', status: 'rejected', ended_here: true }, 'rejected'],
    ['rejected there by hand, held passed', { state: 'passed', status: 'rejected', ended_here: true }, 'rejected'],
    ['withdrew there', { state: 'scheduled', status: 'withdrawn', ended_here: true }, 'withdrawn'],
    ['passed here, rejected at a later stage', { state: 'passed', status: 'rejected', ended_here: false }, 'passed'],
    ['passed here, withdrew later', { state: 'passed', status: 'withdrawn' }, 'passed'],
  ])('%s', (_, over, exit) => {
    expect(stageExit(facts(over))).toBe(exit);
  });
});

const group = (stage_id: string, count: number, over: Partial<Facts>): ProgressGroup => ({
  stage_id,
  count,
  ...facts(over),
});

describe('a stage’s funnel', () => {
  const groups: ProgressGroup[] = [
    group('a', 6, { state: 'passed' }),
    group('a', 1, { state: 'passed', advanced_by_decision: true }),
    group('a', 1, { state: 'skipped' }),
    group('a', 2, { state: 'failed', status: 'rejected', ended_here: true }),
    group('a', 1, { state: 'pending', status: 'withdrawn', ended_here: true }),
    group('a', 3, { open: true, state: 'pending' }),
    group('a', 1, { open: true, state: 'failed' }),
    group('b', 2, { open: true, state: 'scheduled' }),
  ];
  const stays = [3_600_000, 7_200_000, 10_800_000, 14_400_000];
  const [a, b, c] = stageFunnels(['a', 'b', 'c'], exitCounts(groups), new Map([['a', stayLengthsOf(stays)]]));

  it('counts everyone once by where they went, and the failed among them', () => {
    expect(a).toMatchObject({
      entered: 15,
      passed: 6,
      advanced_by_reviewer: 2,
      rejected: 2,
      withdrawn: 1,
      still_there: 4,
      failed: 3,
      moved_on: 8,
      drop_off: 3,
    });
    expect(a!.passed + a!.advanced_by_reviewer + a!.rejected + a!.withdrawn + a!.still_there).toBe(a!.entered);
  });

  it('takes pass-through and drop-off as shares of those who entered', () => {
    expect(a!.pass_through).toBeCloseTo(8 / 15, 10);
    expect(a!.drop_off_rate).toBeCloseTo(3 / 15, 10);
    expect(b).toMatchObject({ entered: 2, still_there: 2, moved_on: 0, pass_through: 0, drop_off_rate: 0 });
    expect(c).toMatchObject({ entered: 0, pass_through: null, drop_off_rate: null });
  });

  it('times the stays of those who left, median and 90th percentile in hours', () => {
    expect(a!.time_in_stage).toEqual({ left: 4, median_hours: 2.5, p90_hours: 3.7 });
    expect(b!.time_in_stage).toEqual({ left: 0, median_hours: null, p90_hours: null });
  });

  it('counts who left each stage: everyone but those still there', () => {
    expect(leftByStage(exitCounts(groups))).toEqual(new Map([['a', 11]]));
  });

  it('times them the same from only the lengths at the ranks it reads, as an index answers', () => {
    const read: number[] = [];
    const atRanks = stayLengthsAt(stays.length, (rank) => {
      read.push(rank);
      return stays[rank]!;
    });
    expect(atRanks).toEqual(stayLengthsOf(stays));
    expect(new Set(read)).toEqual(new Set([1, 2, 3]));
    expect(stayLengthsAt(0, () => Number.NaN)).toEqual({ left: 0, median_ms: null, p90_ms: null });
  });
});

describe('score distributions (docs/rules.md#score-distribution)', () => {
  it.each([
    [0, 0],
    [9.99, 0],
    [10, 1],
    [59.5, 5],
    [90, 9],
    [100, 9],
  ])('a score of %s is in bin %s', (score, bin) => {
    expect(scoreBin(score)).toBe(bin);
  });

  it('bins a stage’s results, counts the passes and draws the pass mark', () => {
    const [x, y] = scoreDistributions(
      [
        { id: 'x', pass_threshold: 60 },
        { id: 'y', pass_threshold: null },
      ],
      [
        { stage_id: 'x', score: 55, passed: false, count: 2 },
        { stage_id: 'x', score: 72.5, passed: true, count: 1 },
        { stage_id: 'x', score: 100, passed: true, count: 1 },
      ],
    );
    expect(x).toMatchObject({ pass_threshold: 60, results: 4, passed: 2, median: 63.75 });
    expect(x!.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 2, 0, 1, 0, 1]);
    expect(x!.bins[0]).toEqual({ from: 0, to: 10, count: 0 });
    expect(y).toMatchObject({ pass_threshold: null, results: 0, passed: 0, median: null });
  });
});

describe('open decisions and their age (docs/rules.md#open-decisions)', () => {
  it('counts what waits per stage and how long, as of now', () => {
    const now = '2026-03-10T12:00:00.000Z';
    const [s, t] = openDecisionFigures(
      ['s', 't'],
      [
        { stage_id: 's', reason: 'approval_required', created_at: '2026-03-10T10:00:00.000Z' },
        { stage_id: 's', reason: 'failed_no_retakes', created_at: '2026-03-09T12:00:00.000Z' },
        { stage_id: 's', reason: 'approval_required', created_at: '2026-03-10T11:00:00.000Z' },
      ],
      now,
    );
    expect(s).toEqual({
      stage_id: 's',
      open: 3,
      median_age_hours: 2,
      p90_age_hours: 19.6,
      oldest_age_hours: 24,
      by_reason: {
        approval_required: 2,
        failed_no_retakes: 1,
        human_alternative: 0,
        scorecard_needs_review: 0,
        scorecard_corrected: 0,
      },
    });
    expect(t).toMatchObject({ open: 0, median_age_hours: null, oldest_age_hours: null });
  });
});
