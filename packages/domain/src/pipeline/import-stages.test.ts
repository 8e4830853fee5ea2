import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { type EvaluationStage, PortableStage } from '../schemas/stage.ts';
import { type ImportMode, importProblems, importStages } from './import-stages.ts';
import type { PipelineSnapshot } from './new-stage.ts';
import { MAX_LIVE_STAGES } from './ordering.ts';
import { pipeline, stage, TEMPLATE_ID, uuid } from './test-stages.ts';

const NOW = '2026-02-01T09:00:00.000Z';
const template = { id: TEMPLATE_ID, default_duration_minutes: 60 };
const items = (...names: string[]) => z.array(PortableStage).parse(names.map((stage_name) => ({ stage_name })));

/** Fresh ids 100, 101, … in the order the import asks for them. */
function identity() {
  let next = 100;
  return { newId: () => uuid(next++), now: NOW };
}

/** Each stage as [name, status, place]: live ones in order, then archived ones. */
const summary = (stages: EvaluationStage[] | Error) => {
  if (stages instanceof Error) throw stages;
  return stages.map((s) => [s.stage_name, s.status, s.stage_order]);
};

describe('importStages', () => {
  const before: PipelineSnapshot = {
    template,
    stages: [...pipeline('a', 'b'), stage('gone', null)],
  };

  test.each<[ImportMode, (string | number | null)[][]]>([
    [
      'append',
      [
        ['A', 'active', 0],
        ['B', 'active', 1],
        ['GONE', 'archived', null],
        ['X', 'active', 2],
        ['Y', 'active', 3],
      ],
    ],
    [
      'replace',
      [
        ['GONE', 'archived', null],
        ['A', 'archived', null],
        ['B', 'archived', null],
        ['X', 'active', 0],
        ['Y', 'active', 1],
      ],
    ],
  ])('%s', (mode, expected) => {
    expect(summary(importStages(before, items('X', 'Y'), mode, identity()))).toEqual(expected);
  });

  test('replace refuses while participants are in a live stage, as archiving it alone would', () => {
    const inB = (id: string) => (id === before.stages[1]!.id ? 2 : 0);
    expect(importStages(before, items('X'), 'replace', identity(), inB)).toMatchObject({
      code: 'CONFLICT',
      message: /has 2 active participants in it/,
    });
    expect(Array.isArray(importStages(before, items('X'), 'append', identity(), inB))).toBe(true);
  });

  test('the new stages get fresh ids, the template, the time and its defaults', () => {
    const next = importStages({ template, stages: [] }, items('Phone Screen'), 'append', identity());
    expect(next).toEqual([
      expect.objectContaining({
        id: uuid(100),
        evaluation_template_id: TEMPLATE_ID,
        type: 'phone_screen',
        duration_minutes: 60,
        created_at: NOW,
        updated_at: NOW,
      }),
    ]);
  });

  test.each<[ImportMode, number, string | undefined]>([
    ['append', MAX_LIVE_STAGES - 1, 'CONFLICT'],
    ['replace', MAX_LIVE_STAGES - 1, undefined],
    ['append', MAX_LIVE_STAGES - 2, undefined],
  ])('%s two stages into %i live ones: refused with %s', (mode, liveCount, code) => {
    const full = { template, stages: Array.from({ length: liveCount }, (_, i) => stage(uuid(i), i)) };
    const next = importStages(full, items('X', 'Y'), mode, identity());
    if (code) expect(next).toMatchObject({ code, message: /at most 200 live stages/ });
    else expect(Array.isArray(next)).toBe(true);
  });
});

describe('importProblems', () => {
  const parse = (raw: unknown[]) => z.array(PortableStage).parse(raw);
  const finalReview = stage('final', 1, { stage_name: 'Final', stage_type: 'final_review' });
  const current: PipelineSnapshot = { template, stages: [stage('screen', 0, { stage_name: 'Screen' }), finalReview] };
  const brief = (problems: ReturnType<typeof importProblems>) => {
    if (problems instanceof Error) throw problems;
    return problems.map((p) => [p.code, p.item ?? p.stage_id, p.blocking]);
  };

  test('a clean import into a clean pipeline brings none', () => {
    const reviews = parse([
      { stage_name: 'Screen', stage_type: 'manual_review' },
      { stage_name: 'Panel', stage_type: 'manual_review' },
    ]);
    expect(importProblems({ template, stages: [] }, reviews, 'append')).toEqual([]);
  });

  test('each problem the result would have, on the item it is about (as given, not as placed)', () => {
    const imported = parse([
      { stage_name: 'Panel', stage_type: 'manual_review', stage_order: 5 },
      { stage_name: 'Talk', stage_type: 'ai_interview', stage_order: 1 },
      { stage_name: 'screen', stage_type: 'manual_review' },
      { stage_name: 'Wrap-up', stage_type: 'final_review' },
    ]);
    expect(brief(importProblems(current, imported, 'append'))).toEqual([
      ['FINAL_REVIEW_NOT_LAST', 'final', true],
      ['MISSING_INTERVIEWER', 1, true],
      ['DUPLICATE_STAGE_NAME', 2, false],
      ['FINAL_REVIEW_TWICE', 3, true],
    ]);
  });

  test('replace checks the imported stages alone; the old ones are archived', () => {
    const imported = parse([{ stage_name: 'Screen' }, { stage_name: 'Final', stage_type: 'final_review' }]);
    expect(brief(importProblems(current, imported, 'replace'))).toEqual([['MISSING_INTERVIEWER', 0, true]]);
    expect(brief(importProblems(current, imported, 'append'))).toEqual([
      ['FINAL_REVIEW_NOT_LAST', 'final', true],
      ['DUPLICATE_STAGE_NAME', 0, false],
      ['MISSING_INTERVIEWER', 0, true],
      ['DUPLICATE_STAGE_NAME', 1, false],
      ['FINAL_REVIEW_TWICE', 1, true],
    ]);
  });

  test('problems the pipeline has already are not the import’s', () => {
    const broken: PipelineSnapshot = { template, stages: [stage('talk', 0, { stage_type: 'ai_interview' })] };
    expect(importProblems(broken, parse([{ stage_name: 'Panel', stage_type: 'manual_review' }]), 'append')).toEqual([]);
  });

  test('refused as the import would be, with the same words', () => {
    const inScreen = (id: string) => (id === 'screen' ? 3 : 0);
    expect(importProblems(current, items('X'), 'replace', inScreen)).toMatchObject({
      code: 'CONFLICT',
      message: 'The stage "Screen" has 3 active participants in it: move them on before archiving it',
    });
  });
});
