import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { roundHalfAwayFromZero } from './rounding.ts';
import { type ScoringProfile, scoreCard } from './scoring.ts';
import { interviewer } from './test-support.ts';

const dims = (scores: Record<string, number>) => ({
  dimension_scores: Object.entries(scores).map(([name, score]) => ({ name, score })),
});

const ruleBased: ScoringProfile = { ...interviewer, scoring: { scale: '0-10', scoring_method: 'rule_based' } };

function refusal(result: unknown): DomainError {
  if (!(result instanceof DomainError)) throw new Error('expected a DomainError');
  return result;
}

describe('scoreCard (docs/rules.md#scoring)', () => {
  it('normalizes each dimension to 0–100 and weights them into the overall score', () => {
    const card = scoreCard(interviewer, dims({ Communication: 8, 'Problem solving': 6 }), 65);
    expect(card).toMatchObject({
      dimension_scores: [
        { name: 'Communication', score: 8, normalized: 80, weight: 40 },
        { name: 'Problem solving', score: 6, normalized: 60, weight: 60, min_score: 6 },
      ],
      overall_score: 68,
      passed: true,
      threshold_applied: 65,
      scale: '0-10',
    });
  });

  it('reads the interviewer scale: 3 on 0-5 is 60', () => {
    const fivePoint: ScoringProfile = {
      evaluation_dimensions: [{ name: 'Empathy', weight: 100 }],
      scoring: { scale: '0-5', scoring_method: 'weighted_average' },
    };
    expect(scoreCard(fivePoint, dims({ Empathy: 3 }), null)).toMatchObject({ overall_score: 60, passed: true });
  });

  it('rounds the overall half away from zero to 2 decimals (1.005 → 1.01, where naive rounding gives 1)', () => {
    const hundred: ScoringProfile = {
      evaluation_dimensions: [
        { name: 'A', weight: 3 },
        { name: 'B', weight: 97 },
      ],
      scoring: { scale: '0-100', scoring_method: 'weighted_average' },
    };
    expect(scoreCard(hundred, dims({ A: 33.5, B: 0 }), null)).toMatchObject({ overall_score: 1.01 });
    expect(scoreCard(hundred, dims({ A: 33.4, B: 0 }), null)).toMatchObject({ overall_score: 1 });
  });

  it('passes at exactly the threshold and fails just under it', () => {
    expect(scoreCard(null, { overall_score: 70 }, 70)).toMatchObject({ passed: true });
    expect(scoreCard(null, { overall_score: 69.99 }, 70)).toMatchObject({ passed: false });
  });

  it('with rule_based scoring, fails a dimension under its min_score whatever the overall', () => {
    const scores = dims({ Communication: 10, 'Problem solving': 5 });
    expect(scoreCard(ruleBased, scores, 50)).toMatchObject({
      overall_score: 70,
      passed: false,
      below_min_score: ['Problem solving'],
      scoring_method: 'rule_based',
    });
    // The same scores pass with weighted_average, which reports the low dimension but does not fail on it.
    expect(scoreCard(interviewer, scores, 50)).toMatchObject({ passed: true, below_min_score: ['Problem solving'] });
  });

  it('takes the overall score directly when the stage has no interviewer', () => {
    expect(scoreCard(null, { overall_score: 72.5, summary: 'Solid' }, 70)).toEqual({
      dimension_scores: [],
      overall_score: 72.5,
      passed: true,
      threshold_applied: 70,
      scale: null,
      scoring_method: null,
      below_min_score: [],
      summary: 'Solid',
      improvement_feedback: null,
      transcript: [],
      scored_by: null,
      needs_review: false,
    });
  });

  it('matches dimension names without regard to case and keeps the interviewer order', () => {
    const card = scoreCard(interviewer, dims({ 'problem SOLVING': 7, communication: 9 }), 70);
    expect(card).toMatchObject({ dimension_scores: [{ name: 'Communication' }, { name: 'Problem solving' }] });
  });

  describe('refuses with BAD_REQUEST naming the field', () => {
    it.each([
      [
        'an unknown dimension',
        dims({ Communication: 8, 'Problem solving': 6, Charisma: 9 }),
        ['dimension_scores', 2, 'name'],
      ],
      ['a missing dimension', dims({ Communication: 8 }), ['dimension_scores']],
      ['a score above the scale', dims({ Communication: 11, 'Problem solving': 6 }), ['dimension_scores', 0, 'score']],
      ['a negative score', dims({ Communication: 8, 'Problem solving': -1 }), ['dimension_scores', 1, 'score']],
      [
        'a dimension scored twice',
        {
          dimension_scores: [
            { name: 'Communication', score: 8 },
            { name: 'communication', score: 7 },
            { name: 'Problem solving', score: 6 },
          ],
        },
        ['dimension_scores', 1, 'name'],
      ],
      [
        'both ways of scoring',
        { ...dims({ Communication: 8, 'Problem solving': 6 }), overall_score: 70 },
        ['overall_score'],
      ],
      ['no score at all', {}, ['dimension_scores']],
    ])('%s', (_, input, path) => {
      const error = refusal(scoreCard(interviewer, input, 70));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.issues.map((i) => i.path)).toContainEqual(path);
      expect(error.message).toContain(path.join('.'));
    });

    it('dimension scores on a stage without an interviewer', () => {
      const error = refusal(scoreCard(null, dims({ Communication: 8 }), 70));
      expect(error.issues).toEqual([{ path: ['dimension_scores'], message: expect.stringContaining('overall_score') }]);
    });

    it('an overall score outside 0–100 from a caller that skipped the schema', () => {
      expect(refusal(scoreCard(null, { overall_score: 101 }, 70)).issues[0]?.path).toEqual(['overall_score']);
    });

    it('every problem at once', () => {
      const error = refusal(scoreCard(interviewer, dims({ Communication: 12, Charisma: 3 }), 70));
      expect(error.issues.map((i) => i.path)).toEqual([
        ['dimension_scores', 0, 'score'],
        ['dimension_scores', 1, 'name'],
        ['dimension_scores'],
      ]);
    });
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds every exact half up in magnitude, on both sides of zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        const half = (n * 10 + 5) / 1000; // n.nn5 written in binary, usually a hair below the half
        expect(roundHalfAwayFromZero(half)).toBe((n + 1) / 100);
        expect(roundHalfAwayFromZero(-half)).toBe(-(n + 1) / 100);
      }),
    );
  });

  it('leaves values already at 2 decimals alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => {
        expect(roundHalfAwayFromZero(n / 100)).toBe(n / 100);
      }),
    );
  });
});
