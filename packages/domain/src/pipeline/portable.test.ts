import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Difficulty } from '../schemas/common.ts';
import { AutomationRule, type EvaluationStage, PortableStage, StageType } from '../schemas/stage.ts';
import { MAX_LIVE_STAGES } from './ordering.ts';
import { exportPipeline, type PlannedStage, planImport } from './portable.ts';
import type { StageSettings } from './stage-settings.ts';
import { stage, TEMPLATE_ID, uuid } from './test-stages.ts';

/** Copied verbatim from the seed document (docs/entities.md#the-seed). */
const SEED_EXAMPLE = `[
  { "stage_name": "Phone Screen", "stage_type": "ai_interview", "stage_order": 0, "pass_threshold": 60, "automation_rule": "auto_advance" },
  { "stage_name": "Technical",    "stage_type": "ai_interview", "stage_order": 1, "pass_threshold": 75, "automation_rule": "require_reviewer_approval" },
  { "stage_name": "Final",        "stage_type": "final_review",  "stage_order": 2, "pass_threshold": 80 }
]`;

const parseItems = (items: unknown) => z.array(PortableStage).parse(items);

/** Question ids for questions imported without one, as the API's `newId` would make them. */
let idCount = 0;
const newId = () => `generated-${++idCount}`;

/** What the API does with a plan: give each planned stage an id, its template and timestamps. */
function stored(planned: PlannedStage[] | Error): EvaluationStage[] {
  if (planned instanceof Error) throw planned;
  const now = '2026-01-01T00:00:00.000Z';
  return planned.map((p, i) => ({
    ...p,
    id: uuid(i),
    evaluation_template_id: TEMPLATE_ID,
    created_at: now,
    updated_at: now,
  }));
}

describe('planImport', () => {
  test("the seed's example imports as-is into three stages with derived types", () => {
    const planned = stored(planImport(parseItems(JSON.parse(SEED_EXAMPLE)), 0, {}, newId));
    expect(
      planned.map((s) => [s.type, s.stage_name, s.stage_type, s.stage_order, s.pass_threshold, s.automation_rule]),
    ).toEqual([
      ['phone_screen', 'Phone Screen', 'ai_interview', 0, 60, 'auto_advance'],
      ['technical', 'Technical', 'ai_interview', 1, 75, 'require_reviewer_approval'],
      ['final', 'Final', 'final_review', 2, 80, 'none'],
    ]);
    for (const s of planned) {
      expect(s).toMatchObject({ allow_retake: false, max_attempts: 1, auto_reject: false, status: 'active' });
    }
  });

  test.each([
    ['given type only, the name is the title-cased type', { type: 'system_design' }, 'system_design', 'System Design'],
    ['given name only, the type is derived', { stage_name: 'Coding Round' }, 'coding_round', 'Coding Round'],
    ['given both, both are kept', { type: 'code', stage_name: 'Coding Round' }, 'code', 'Coding Round'],
  ])('%s', (_, item, type, name) => {
    expect(planImport(parseItems([item]), 0, {}, newId)).toMatchObject([{ type, stage_name: name }]);
  });

  test('items with a stage_order come first by it (ties keep array order); the others follow in array order', () => {
    const items = parseItems([
      { stage_name: 'C', stage_order: 5 },
      { stage_name: 'X' },
      { stage_name: 'A', stage_order: 0 },
      { stage_name: 'B', stage_order: 5 },
      { stage_name: 'Y' },
    ]);
    const planned = stored(planImport(items, 0, {}, newId));
    expect(planned.map((s) => [s.stage_name, s.stage_order])).toEqual([
      ['A', 0],
      ['C', 1],
      ['B', 2],
      ['X', 3],
      ['Y', 4],
    ]);
  });

  test('imported stages go after the existing live ones and take the template defaults', () => {
    const planned = planImport(
      parseItems([{ type: 'a' }, { type: 'b' }]),
      3,
      {
        default_duration_minutes: 45,
        default_difficulty: 'advanced',
      },
      newId,
    );
    expect(planned).toMatchObject([
      { stage_order: 3, duration_minutes: 45, difficulty: 'advanced' },
      { stage_order: 4, duration_minutes: 45, difficulty: 'advanced' },
    ]);
  });

  test(`refuses an import that would pass ${MAX_LIVE_STAGES} live stages`, () => {
    expect(planImport(parseItems([{ type: 'a' }, { type: 'b' }]), MAX_LIVE_STAGES - 1, {}, newId)).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('exportPipeline', () => {
  test('gives the live stages in order, in the seed key order, with consecutive stage_order', () => {
    const stages = [
      stage('b', 1, { status: 'draft' }),
      stage('gone', null),
      stage('a', 0, { pass_threshold: 60, automation_rule: 'auto_advance' }),
    ];
    const exported = exportPipeline(stages);
    expect(exported.map((s) => [s.type, s.stage_order, s.status])).toEqual([
      ['a', 0, 'active'],
      ['b', 1, 'draft'],
    ]);
    expect(Object.keys(exported[0] ?? {})).toEqual([
      'type',
      'stage_name',
      'stage_type',
      'agent_profile_id',
      'stage_order',
      'duration_minutes',
      'difficulty',
      'pass_threshold',
      'allow_retake',
      'max_attempts',
      'retake_cooldown_hours',
      'automation_rule',
      'auto_reject',
      'status',
      'question_set',
    ]);
  });

  test("the seed's example survives export → import into an empty template → export", () => {
    const exported = exportPipeline(stored(planImport(parseItems(JSON.parse(SEED_EXAMPLE)), 0, {}, newId)));
    expect(exported).toMatchObject(JSON.parse(SEED_EXAMPLE));
    const again = exportPipeline(stored(planImport(parseItems(exported), 0, {}, newId)));
    expect(again).toEqual(exported);
  });

  const trimmed = (max: number) =>
    fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() === s && s.length > 0);
  const settings: fc.Arbitrary<StageSettings> = fc
    .record({
      type: trimmed(64),
      stage_name: trimmed(120),
      stage_type: fc.constantFrom(...StageType.options),
      agent_profile_id: fc.option(fc.uuid({ version: 4 }), { nil: null }),
      duration_minutes: fc.integer({ min: 5, max: 240 }),
      difficulty: fc.constantFrom(...Difficulty.options),
      pass_threshold: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
      retakes: fc.oneof(
        fc.constant({ allow_retake: false, max_attempts: 1 }),
        fc.integer({ min: 2, max: 10 }).map((max_attempts) => ({ allow_retake: true, max_attempts })),
      ),
      retake_cooldown_hours: fc.integer({ min: 0, max: 8760 }),
      automation_rule: fc.constantFrom(...AutomationRule.options),
      auto_reject: fc.boolean(),
      status: fc.constantFrom('draft' as const, 'active' as const, 'archived' as const),
      questions: fc.uniqueArray(
        fc.record(
          {
            id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
            prompt: trimmed(200),
            max_length: fc.integer({ min: 1, max: 10_000 }),
          },
          { requiredKeys: ['id', 'prompt'] },
        ),
        { maxLength: 4, selector: (q) => q.id },
      ),
    })
    .map(({ retakes, questions, ...rest }) => ({
      ...rest,
      ...retakes,
      // Only a written assessment takes questions.
      question_set: rest.stage_type === 'async_assessment' ? questions : [],
    }));

  test('any pipeline survives export → import into an empty template → export, whatever its defaults', () => {
    fc.assert(
      fc.property(fc.array(settings, { maxLength: 8 }), (all) => {
        let order = 0;
        const stages = all.map((s, i) => ({
          ...stage(`s${i}`, null),
          ...s,
          stage_order: s.status === 'archived' ? null : order++,
        }));
        const exported = exportPipeline(stages);
        const imported = stored(
          planImport(parseItems(exported), 0, { default_duration_minutes: 60, default_difficulty: 'expert' }, newId),
        );
        expect(exportPipeline(imported)).toEqual(exported);
        expect(exported).toHaveLength(order);
      }),
      { numRuns: 300 },
    );
  });
});
