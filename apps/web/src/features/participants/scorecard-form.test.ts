import { ScorecardInput, type ScoringProfile } from '@stageflow/domain';
import { describe, expect, it } from 'vitest';
import { describeOutcome, newScorecardValues, previewScorecard, type StageRules } from './scorecard-form.ts';

/** The demo's backend interviewer: three weighted dimensions on 0–10. */
const interviewer: ScoringProfile = {
  evaluation_dimensions: [
    { name: 'System design', weight: 40 },
    { name: 'Coding', weight: 35, min_score: 6 },
    { name: 'Communication', weight: 25 },
  ],
  scoring: { scale: '0-10', scoring_method: 'weighted_average' },
};
const technical: StageRules = {
  rules: {
    pass_threshold: 75,
    automation_rule: 'require_reviewer_approval',
    allow_retake: true,
    max_attempts: 2,
    retake_cooldown_hours: 0,
    auto_reject: false,
  },
  stageType: 'ai_interview',
  attemptsUsed: 0,
  attemptsAllowed: 2,
};
const scores = (...values: (number | undefined)[]) => ({
  dimension_scores: interviewer.evaluation_dimensions.map((d, i) => ({ name: d.name, score: values[i] as number })),
});

describe('the result form', () => {
  it('starts with one empty score per dimension, which the domain schema refuses until filled', () => {
    const values = newScorecardValues(interviewer);
    expect(values.dimension_scores?.map((d) => d.name)).toEqual(['System design', 'Coding', 'Communication']);
    expect(ScorecardInput.safeParse(values).success).toBe(false);
    expect(ScorecardInput.safeParse({ ...values, ...scores(8, 8, 8) }).success).toBe(true);
  });

  it('asks for one overall score when the stage has no interviewer', () => {
    expect(newScorecardValues(null)).toEqual({ overall_score: undefined, summary: '', improvement_feedback: '' });
  });
});

describe('previewScorecard', () => {
  it('waits until every dimension has a score', () => {
    expect(previewScorecard(interviewer, scores(8, undefined, Number.NaN), technical)).toEqual({
      kind: 'incomplete',
      missing: 2,
    });
  });

  it('computes the weighted overall and what the rules do with it, as the server will', () => {
    // 80×0.40 + 90×0.35 + 70×0.25 = 32 + 31.5 + 17.5 = 81
    const preview = previewScorecard(interviewer, scores(8, 9, 7), technical);
    expect(preview).toMatchObject({
      kind: 'ready',
      scorecard: { overall_score: 81, passed: true, threshold_applied: 75, below_min_score: [] },
      outcome: { kind: 'open_decision', suggested: 'advance' },
    });
  });

  it('offers a retake below the pass mark while attempts are left', () => {
    const preview = previewScorecard(interviewer, scores(5, 5, 5), technical);
    expect(preview).toMatchObject({ kind: 'ready', scorecard: { overall_score: 50, passed: false } });
    expect(preview.kind === 'ready' && preview.outcome).toEqual({ kind: 'retake_available' });
  });

  it('says why a score cannot be used', () => {
    expect(previewScorecard(interviewer, scores(11, 5, 5), technical)).toEqual({
      kind: 'invalid',
      message: "must be from 0 to 10 on the interviewer's 0-10 scale",
    });
  });

  it('judges an overall score against the pass mark when there is no interviewer', () => {
    const final: StageRules = {
      ...technical,
      rules: { ...technical.rules, pass_threshold: 80, allow_retake: false, max_attempts: 1 },
      stageType: 'final_review',
      attemptsAllowed: 1,
    };
    expect(previewScorecard(null, { overall_score: 90 }, final)).toMatchObject({
      kind: 'ready',
      outcome: { kind: 'complete' },
    });
    expect(previewScorecard(null, { overall_score: 70 }, final)).toMatchObject({ outcome: { kind: 'reject' } });
  });
});

describe('describeOutcome', () => {
  const ctx = {
    nextStageName: 'Final',
    labels: { positive: 'hire', negative: 'no_hire' },
    attemptsAfter: 1,
    attemptsAllowed: 2,
  };
  it.each([
    [{ kind: 'advance' } as const, 'Advances to Final automatically.'],
    [{ kind: 'complete' } as const, 'Completes the evaluation: “hire”.'],
    [{ kind: 'reject' } as const, 'Rejected: “no hire”.'],
    [{ kind: 'retake_available' } as const, 'A retake becomes available (1 of 2 attempts used).'],
    [
      { kind: 'open_decision', reason: 'failed_no_retakes', suggested: 'reject' } as const,
      'Goes to a reviewer, who decides (suggested: reject).',
    ],
  ])('%j → %s', (outcome, words) => {
    expect(describeOutcome(outcome, ctx)).toBe(words);
  });
});
