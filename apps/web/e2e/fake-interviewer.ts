// What the browser tests of a model-run interviewer share (portal-interview.test.ts from the participant's
// side, scoring-evidence.test.ts from the staff side): a fake OpenAI-compatible model server on this
// machine that the server's default interviewer (INTERVIEWER_*) points at, and the demo screener Sam's
// scorecard as the model answers it.
import { startFakeModelServer } from '@stageflow/testing';
import { afterAll } from 'vitest';
import { test as base } from './fixtures.ts';

/**
 * Starts the fake model server for this file (closed after it) and answers it with the file's `test`,
 * whose server interviews on it by default, and the server's host as the scorecard names it.
 */
export async function withFakeInterviewer(model: string) {
  const fake = await startFakeModelServer({ models: [model] });
  afterAll(() => fake.close());
  const test = base.override(
    'appOptions',
    { scope: 'file' },
    { env: { INTERVIEWER_BASE_URL: fake.url, INTERVIEWER_MODEL: model } },
  );
  return { fake, test, host: new URL(fake.url).host };
}

/** Sam's scorecard (Motivation and Experience fit, 0 to 5), as the model answers it. */
export const screenAnswer = (motivation: string[], fit: string[], scores = [4, 4]) => ({
  dimension_scores: [
    { name: 'Motivation', score: scores[0], reasoning: 'Knows why this role.', evidence: motivation },
    { name: 'Experience fit', score: scores[1], reasoning: 'Has run production payments.', evidence: fit },
  ],
  summary: 'A motivated engineer with relevant production experience.',
  improvement_feedback: 'Give one number for the scale of the systems you ran.',
});
