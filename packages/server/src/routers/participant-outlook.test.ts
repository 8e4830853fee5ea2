import { beforeEach, describe, expect, test } from 'vitest';
import { restApp } from '../http/rest-testing.ts';
import { type ApiKit, setupEngineApi } from '../testing.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';

let t: ApiKit;
let clock: string;
beforeEach(async () => {
  clock = '2026-11-29T10:00:00.000Z';
  t = await setupEngineApi({ now: () => clock });
});

/** A, B, C: each passed at 60 (scores(8, 8) is 80) and advancing automatically. */
const ABC = ['A', 'B', 'C'].map((name) => ({
  type: name.toLowerCase(),
  stage_name: name,
  pass_threshold: 60,
  automation_rule: 'auto_advance' as const,
}));

describe('the outlook on the participant page', () => {
  test('after a reorder, it names the stage the server then moves them to', async () => {
    const { template, stages } = await buildPipeline(t.api, ABC);
    const [a, b, c] = stages;
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(8, 8) });

    // Passed A, at B; the admin reorders to B, A, C. A is behind her already: next is C, not A.
    await t.api.stages.reorder({ evaluation_template_id: template.id, stage_ids: [b!.id, a!.id, c!.id] });
    const page = await t.api.participants.byId({ id: jane.id });
    expect(page.outlook).toEqual({
      stage_id: b!.id,
      attempts_used: 0,
      attempts_allowed: 1,
      next_stage: { id: c!.id, name: 'C' },
      can_retake: false,
      cooldown_ends_at: null,
      can_schedule: true,
      can_schedule_now: true,
      can_reschedule: false,
      advance_needs_note: true,
    });

    const passed = await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(8, 8) });
    expect(passed.participant.current_stage_id).toBe(c!.id);
    expect((await t.api.participants.byId({ id: jane.id })).outlook).toMatchObject({
      stage_id: c!.id,
      next_stage: null,
    });
  });

  test('during a retake cool-down it says when it ends, and a session can be booked from then', async () => {
    const { template } = await buildPipeline(t.api, [
      { ...ABC[0]!, allow_retake: true, max_attempts: 2, retake_cooldown_hours: 24 },
      ABC[1]!,
    ]);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(2, 2) });

    clock = '2026-11-29T22:00:00.000Z';
    expect((await t.api.participants.byId({ id: jane.id })).outlook).toMatchObject({
      attempts_used: 1,
      attempts_allowed: 2,
      can_retake: true,
      cooldown_ends_at: '2026-11-30T10:00:00.000Z',
      can_schedule: true,
      can_schedule_now: false,
    });
    const { session } = await t.api.sessions.schedule({
      participant_id: jane.id,
      scheduled_at: '2026-11-30T10:00:00.000Z',
    });
    expect(session.attempt).toBe(2);

    clock = '2026-11-30T10:00:00.000Z';
    expect((await t.api.participants.byId({ id: jane.id })).outlook).toMatchObject({
      cooldown_ends_at: null,
      can_reschedule: true,
    });
  });

  test('is null once the participant is in no stage', async () => {
    const { template } = await buildPipeline(t.api, ABC);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await t.api.participants.withdraw({ participant_id: jane.id });
    expect((await t.api.participants.byId({ id: jane.id })).outlook).toBeNull();
  });

  test('GET /api/v1/participants/{id} answers it too', async () => {
    const rest = restApp();
    const template = await rest.call('POST', '/evaluation-templates', { template_name: 'T', use_case: 'hiring' });
    const manual = ABC.map((s) => ({ ...s, stage_type: 'manual_review' }));
    const imported = await rest.call('POST', '/evaluation-stages/import', {
      evaluation_template_id: template.body.id,
      stages: manual,
    });
    const [a, b, c] = imported.body.stages.map((s: { id: string }) => s.id);
    const jane = await rest.call('POST', '/participants', { evaluation_template_id: template.body.id, ...person() });
    await rest.call('POST', `/participants/${jane.body.id}/results`, { overall_score: 90 });
    await rest.call('POST', '/evaluation-stages/reorder', {
      evaluation_template_id: template.body.id,
      stage_ids: [b, a, c],
    });

    const page = await rest.call('GET', `/participants/${jane.body.id}`);
    expect(page.status).toBe(200);
    expect(page.body.outlook).toMatchObject({ stage_id: b, next_stage: { id: c, name: 'C' } });
    const passed = await rest.call('POST', `/participants/${jane.body.id}/results`, { overall_score: 90 });
    expect(passed.body.participant.current_stage_id).toBe(c);
  });
});
