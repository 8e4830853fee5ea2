import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { resolveNewStage } from '../pipeline/stage-settings.ts';
import { BulkCreateParticipantsInput, MAX_PARTICIPANTS_PER_REQUEST } from '../progression/query-input.ts';
import { scorecardFields } from '../progression/scorecard.ts';
import { EvaluationDimensions, MAX_EVALUATION_DIMENSIONS } from './agent-profile.ts';
import { DEFAULT_DIFFICULTY, DEFAULT_DURATION_MINUTES } from './common.ts';
import { DEFAULT_STAGE_TYPE } from './stage.ts';
import { CreateTemplateInput } from './template.ts';

const TEMPLATE_ID = '00000000-0000-4000-8000-000000000900';

/** `n` dimensions whose weights sum to 100, so only their count can be wrong. */
const dimensions = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `D${i}`, weight: i === 0 ? 100 - (n - 1) : 1 }));
const scores = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `D${i}`, score: 1 }));
const people = (n: number) => ({
  evaluation_template_id: TEMPLATE_ID,
  participants: Array.from({ length: n }, () => ({})),
});

describe('each limit is one constant, and the schemas hold it', () => {
  test.each<[string, z.ZodType, (n: number) => unknown, number, string]>([
    ['evaluation dimensions', EvaluationDimensions, dimensions, MAX_EVALUATION_DIMENSIONS, 'at most 12 dimensions'],
    ['dimension scores', scorecardFields.dimension_scores, scores, MAX_EVALUATION_DIMENSIONS, ''],
    [
      'participants per bulk request',
      BulkCreateParticipantsInput,
      people,
      MAX_PARTICIPANTS_PER_REQUEST,
      'at most 500 participants per request',
    ],
  ])('%s', (_, schema, make, max, message) => {
    expect(schema.safeParse(make(max)).success).toBe(true);
    const over = schema.safeParse(make(max + 1));
    expect(over.success).toBe(false);
    if (message) expect(over.error?.issues[0]?.message).toBe(message);
  });

  test('the limits themselves', () => {
    expect([MAX_EVALUATION_DIMENSIONS, MAX_PARTICIPANTS_PER_REQUEST]).toEqual([12, 500]);
  });
});

describe('each default is one constant, used by the template and by a new stage', () => {
  test('a template without them gets the default duration and difficulty', () => {
    expect(CreateTemplateInput.parse({ template_name: 'T', use_case: 'hiring' })).toMatchObject({
      default_duration_minutes: DEFAULT_DURATION_MINUTES,
      default_difficulty: DEFAULT_DIFFICULTY,
    });
  });

  test('a stage given only a type is an AI interview with the same defaults', () => {
    expect(resolveNewStage({ type: 'x' }, {})).toMatchObject({
      stage_type: DEFAULT_STAGE_TYPE,
      duration_minutes: DEFAULT_DURATION_MINUTES,
      difficulty: DEFAULT_DIFFICULTY,
    });
    expect([DEFAULT_STAGE_TYPE, DEFAULT_DURATION_MINUTES, DEFAULT_DIFFICULTY]).toEqual([
      'ai_interview',
      30,
      'intermediate',
    ]);
  });
});
