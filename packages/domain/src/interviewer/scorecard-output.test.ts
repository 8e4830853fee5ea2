import { describe, expect, test } from 'vitest';
import { MODEL, T0 } from '../progression/test-support.ts';
import { modelCompletion, modelScorecardSchema } from './scorecard-output.ts';
import { PROFILE } from './test-subject.ts';

const answer = {
  dimension_scores: [
    { name: 'System design', score: 8, reasoning: 'Clear services.', evidence: ['I split the ledger in two'] },
    { name: 'Coding', score: 7, reasoning: 'Tests first.', evidence: [] },
    { name: 'Communication', score: 9, reasoning: 'Explained trade-offs.', evidence: ['we pick together'] },
  ],
  summary: 'Strong.',
  improvement_feedback: 'Say more about failure modes.',
};

describe('the scorecard a model must answer (docs/rules.md#scoring-with-evidence)', () => {
  test('every dimension with a score on the scale, its reasoning and its evidence quotes', () => {
    const schema = modelScorecardSchema(PROFILE);
    expect(schema.parse(answer)).toEqual(answer);
    const { evidence: _, ...withoutEvidence } = answer.dimension_scores[0]!;
    expect(
      schema.safeParse({ ...answer, dimension_scores: [withoutEvidence, ...answer.dimension_scores.slice(1)] }).success,
    ).toBe(false);
    expect(schema.safeParse({ ...answer, dimension_scores: answer.dimension_scores.slice(1) }).success).toBe(false);
    const overScale = answer.dimension_scores.map((d) => ({ ...d, score: 11 }));
    expect(schema.safeParse({ ...answer, dimension_scores: overScale }).success).toBe(false);
  });

  test('feedback for the participant only where the profile’s output settings ask for it', () => {
    expect(modelScorecardSchema(PROFILE).safeParse({ ...answer, improvement_feedback: undefined }).success).toBe(false);
    const quiet = modelScorecardSchema({ ...PROFILE, output: { include_improvement_feedback: false } });
    const { improvement_feedback: _, ...withoutFeedback } = answer;
    expect(quiet.parse(answer)).toEqual(withoutFeedback);
  });

  test('becomes the complete command’s fields: the scores, the record, and the quotes beside them', () => {
    const transcript = [{ speaker: 'participant', text: 'I split the ledger in two', at: T0 }];
    expect(modelCompletion(answer, transcript, MODEL)).toEqual({
      dimension_scores: [
        { name: 'System design', score: 8, reasoning: 'Clear services.' },
        { name: 'Coding', score: 7, reasoning: 'Tests first.' },
        { name: 'Communication', score: 9, reasoning: 'Explained trade-offs.' },
      ],
      summary: 'Strong.',
      improvement_feedback: 'Say more about failure modes.',
      transcript,
      model: {
        scored_by: MODEL,
        quotes: [
          { name: 'System design', evidence: ['I split the ledger in two'] },
          { name: 'Coding', evidence: [] },
          { name: 'Communication', evidence: ['we pick together'] },
        ],
      },
    });
  });
});
