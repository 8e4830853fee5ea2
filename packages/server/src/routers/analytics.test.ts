import { stageRecordsOf } from '@stageflow/domain';
import { movingClock, NOW } from '@stageflow/testing';
import { beforeAll, describe, expect, test } from 'vitest';
import { restApp } from '../http/rest-testing.ts';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';
import { staysSent, staysToSend } from '../testing-stays.ts';

/**
 * A small hiring pipeline played through the API on a clock that moves an hour per step: Phone Screen 60
 * (auto-advance) → Technical 75 (a reviewer approves) → Final 80 (final review).
 *   Ann 76 → Technical 85, approved → Final 90: completed.
 *   Ben 64 → Technical 70 (fails; one attempt): a decision waits.
 *   Cat 40 (fails, no retake): a decision waits at the Phone Screen; tagged "referral".
 *   Dan: withdrawn at the Phone Screen before any result; tagged "referral".
 *   Eve 76, then rejected by hand at the Technical stage before a result.
 */
const clock = movingClock();
let t: ApiKit;
let ids: Awaited<ReturnType<typeof buildPipeline>>;
let people: Record<string, string>;
const step = () => clock.advanceHours(1);

beforeAll(async () => {
  t = await setupEngineApi({ now: clock.now });
  ids = await buildPipeline(t.api);
  const enrol = async (name: string, tags: string[] = []) => {
    step();
    return (await t.api.participants.create({ evaluation_template_id: ids.template.id, ...person(name), tags })).id;
  };
  const record = async (participant_id: string, result: object) => {
    step();
    return t.api.sessions.recordResult({ participant_id, ...result });
  };
  const decideLatest = async (outcome: 'advance' | 'reject') => {
    const [open] = await t.api.decisions.list({});
    step();
    await t.api.decisions.decide({ decision_id: open!.id, outcome });
  };
  people = {
    ann: await enrol('Ann'),
    ben: await enrol('Ben'),
    cat: await enrol('Cat', ['referral']),
    dan: await enrol('Dan', ['referral', 'linkedin']),
    eve: await enrol('Eve'),
  };
  await record(people.ann!, scores(8, 7));
  await record(people.ann!, scores(9, 8));
  await decideLatest('advance');
  await record(people.ann!, { overall_score: 90 });
  await record(people.ben!, scores(7, 5.5));
  await record(people.ben!, scores(7, 7));
  await record(people.cat!, scores(4, 4));
  step();
  await t.api.participants.withdraw({ participant_id: people.dan! });
  await record(people.eve!, scores(8, 7));
  step();
  await t.api.participants.reject({ participant_id: people.eve!, note: 'Moved abroad' });
});

const query = () => ({ evaluation_template_id: ids.template.id });
const stageIds = () => ids.stages.map((s) => s.id);

describe('analytics.funnel', () => {
  test('counts every stage of the cohort by where its people went', async () => {
    const answer = await t.api.analytics.funnel(query());
    expect(answer).toMatchObject({ participants: 5, as_of: clock.now(), from: null, to: null, tag: null });
    expect(answer.stages.map((s) => [s.stage_name, s.pass_threshold])).toEqual([
      ['Phone Screen', 60],
      ['Technical', 75],
      ['Final', 80],
    ]);
    const [screen, technical, final] = answer.funnel;
    expect(screen).toMatchObject({
      entered: 5,
      passed: 3,
      advanced_by_reviewer: 0,
      rejected: 0,
      withdrawn: 1,
      still_there: 1,
      moved_on: 3,
      pass_through: 3 / 5,
      drop_off: 1,
      drop_off_rate: 1 / 5,
    });
    expect(technical).toMatchObject({
      entered: 3,
      passed: 0,
      advanced_by_reviewer: 1,
      rejected: 1,
      still_there: 1,
      pass_through: 1 / 3,
    });
    expect(final).toMatchObject({ entered: 1, passed: 1, moved_on: 1, pass_through: 1, still_there: 0 });
  });

  test('times the stays that ended, in hours', async () => {
    const { funnel } = await t.api.analytics.funnel(query());
    // Ann's Technical stay: entered with her screen result, left with the decision two steps later.
    expect(funnel[2]!.time_in_stage).toEqual({ left: 1, median_hours: 1, p90_hours: 1 });
    expect(funnel[1]!.time_in_stage.left).toBe(2);
  });

  test('keeps the tagged, and the enrolled in the period', async () => {
    const tagged = await t.api.analytics.funnel({ ...query(), tag: 'referral' });
    expect(tagged).toMatchObject({ participants: 2, tag: 'referral' });
    expect(tagged.funnel[0]).toMatchObject({ entered: 2, still_there: 1, withdrawn: 1 });
    const before = await t.api.analytics.funnel({ ...query(), to: '2026-11-28' });
    expect(before.participants).toBe(0);
    expect(before.funnel[0]).toMatchObject({ entered: 0, pass_through: null });
    const day = NOW.slice(0, 10);
    expect((await t.api.analytics.funnel({ ...query(), from: day, to: day })).participants).toBe(5);
  });

  test('the whole template, counted from the facts each command keeps with a stay, as a period covering all', async () => {
    // Without a period or tag the figures read the facts stored with each stay; with one, the participants joined
    // to their stays: the two must agree (every command of the pipeline above wrote those facts).
    const whole = await t.api.analytics.funnel(query());
    const day = NOW.slice(0, 10);
    const everyone = await t.api.analytics.funnel({ ...query(), from: day, to: day });
    expect(everyone.participants).toBe(whole.participants);
    expect(whole.funnel).toEqual(everyone.funnel);
    expect(whole.funnel.map((f) => f.entered)).toEqual([5, 3, 1]);
  });
});

describe('analytics.scores, analytics.openDecisions and the report', () => {
  test('bins every result per stage and draws the pass mark', async () => {
    const { scores: distributions } = await t.api.analytics.scores(query());
    const [screen] = distributions;
    expect(screen).toMatchObject({ pass_threshold: 60, results: 4, passed: 3, median: 70 });
    // Ann 76, Ben 64, Cat 40, Eve 76 (Dan withdrew before a result): bins 7, 6, 4 and 7.
    expect(screen!.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 1, 0, 1, 2, 0, 0]);
  });

  test('counts the decisions that wait, and their age now', async () => {
    const { open_decisions } = await t.api.analytics.openDecisions(query());
    expect(open_decisions.map((d) => d.open)).toEqual([1, 1, 0]);
    expect(open_decisions[0]).toMatchObject({ by_reason: { failed_no_retakes: 1 } });
    expect(open_decisions[0]!.oldest_age_hours).toBeGreaterThan(0);
  });

  test('the whole template’s report, counted from the facts kept with stays and results, as a period covering all', async () => {
    const day = NOW.slice(0, 10);
    const whole = await t.api.analytics.report(query());
    const everyone = await t.api.analytics.report({ ...query(), from: day, to: day });
    expect(whole.scores.map((s) => s.results)).toEqual([4, 2, 1]);
    expect(whole.funnel).toEqual(everyone.funnel);
    expect(whole.scores).toEqual(everyone.scores);
  });

  test('answers every figure at once, with the period’s tags', async () => {
    const report = await t.api.analytics.report(query());
    expect(report.funnel).toEqual((await t.api.analytics.funnel(query())).funnel);
    expect(report.tags).toEqual([
      { tag: 'referral', participants: 2 },
      { tag: 'linkedin', participants: 1 },
    ]);
    // The tags to pick from stay those of the whole period when one is picked.
    expect((await t.api.analytics.report({ ...query(), tag: 'linkedin' })).tags).toHaveLength(2);
  });
});

describe('refusals', () => {
  test('a bad date or a period backwards is a 400 naming the field', async () => {
    await expectTRPCError(t.api.analytics.funnel({ ...query(), from: '2026-02-30' }), 'BAD_REQUEST', {
      issuePath: ['from'],
    });
    await expectTRPCError(t.api.analytics.report({ ...query(), from: '2026-03-02', to: '2026-03-01' }), 'BAD_REQUEST', {
      issuePath: ['to'],
    });
  });

  test('another workspace’s template is not found, and nothing of it is counted', async () => {
    await expectTRPCError(t.other.analytics.funnel(query()), 'NOT_FOUND');
    await expectTRPCError(
      t.other.analytics.simulate({ ...query(), changes: [{ stage_id: stageIds()[0]! }] }),
      'NOT_FOUND',
    );
    const mine = await buildPipeline(t.other);
    const simulated = await t.other.analytics
      .simulate({
        evaluation_template_id: mine.template.id,
        changes: [{ stage_id: stageIds()[0]! }],
      })
      .catch((e: unknown) => e);
    expect(simulated).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('analytics.simulate', () => {
  test('with the rules unchanged, the replay reproduces what happened and nobody changes', async () => {
    const answer = await t.api.analytics.simulate({
      ...query(),
      changes: stageIds().map((stage_id) => ({ stage_id })),
    });
    expect(answer.reproduced).toEqual({ replayed: 7, matching: 7 });
    expect(answer.changes_total).toBe(0);
    expect(answer.stages.map((s) => [s.reached, s.replayed, s.no_result, s.overridden])).toEqual([
      [5, 4, 1, 0],
      [3, 2, 1, 0],
      [1, 1, 0, 0],
    ]);
  });

  test('a higher pass mark at the Phone Screen lists who would change', async () => {
    const answer = await t.api.analytics.simulate({
      ...query(),
      changes: [{ stage_id: stageIds()[0]!, pass_threshold: 70 }],
    });
    expect(answer.changes.map((c) => [c.participant_name, c.recorded, c.simulated, c.overall_score])).toEqual([
      ['Ben', 'advanced', 'awaiting_decision', 64],
    ]);
    expect(answer.changes[0]).toMatchObject({ participant_id: people.ben, simulated_threshold: 70 });
    expect(answer.stages[0]!.simulated.outcomes).toMatchObject({ advanced: 2, awaiting_decision: 2 });
  });

  test('a change the stage would refuse is a 400 on that change’s field; so is a stage named twice', async () => {
    const [screen] = stageIds();
    await expectTRPCError(
      t.api.analytics.simulate({ ...query(), changes: [{ stage_id: screen!, max_attempts: 3 }] }),
      'BAD_REQUEST',
      { issuePath: ['changes', 0, 'max_attempts'] },
    );
    await expectTRPCError(
      t.api.analytics.simulate({ ...query(), changes: [{ stage_id: screen! }, { stage_id: screen! }] }),
      'BAD_REQUEST',
      { issuePath: ['changes', 1, 'stage_id'] },
    );
    await expectTRPCError(t.api.analytics.simulate({ ...query(), changes: [] }), 'BAD_REQUEST', {
      issuePath: ['changes'],
    });
  });

  test('the store sends each stay as the domain reads it from the participant', async () => {
    const types = new Map(ids.stages.map((s) => [s.id, s.stage_type]));
    const filter = { stageTypes: types, start: null, end: null };
    const sent = await staysSent((sink) => t.deps.reads.analytics.sendStays(t.workspaceId, filter, sink));
    const every = [];
    for (const id of Object.values(people)) {
      const { state } = (await t.deps.reads.participants.load.participant(t.workspaceId, id))!;
      every.push(...stageRecordsOf(state, types));
    }
    const expected = staysToSend(every);
    expect(sent.records.length).toBeGreaterThan(0);
    expect(sent.withoutResult.size).toBeGreaterThan(0);
    const byKey = (r: { participant_id: string; stage_id: string }) => `${r.participant_id} ${r.stage_id}`;
    expect([...sent.records].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [...expected.records].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
    expect(sent.withoutResult).toEqual(expected.withoutResult);
  });
});

describe('over REST', () => {
  test('GET /analytics/funnel names a bad date; POST /analytics/simulate answers the replay', async () => {
    const r = restApp();
    const { template, stages } = await (async () => {
      const made = await r.call('POST', '/evaluation-templates', { template_name: 'T', use_case: 'hiring' });
      const stage = await r.call('POST', '/evaluation-stages', {
        evaluation_template_id: made.body.id,
        type: 'review',
        stage_type: 'manual_review',
        pass_threshold: 50,
        automation_rule: 'auto_advance',
      });
      return { template: made.body, stages: [stage.body.stage] };
    })();
    const bad = await r.call('GET', `/analytics/funnel?evaluation_template_id=${template.id}&to=31-12-2026`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([
      expect.objectContaining({ path: ['to'], message: 'must be a date as YYYY-MM-DD' }),
    ]);
    const ok = await r.call('GET', `/analytics/funnel?evaluation_template_id=${template.id}&from=2026-01-01`);
    expect(ok.status).toBe(200);
    expect(ok.body.funnel).toHaveLength(1);
    const sim = await r.call('POST', '/analytics/simulate', {
      evaluation_template_id: template.id,
      changes: [{ stage_id: stages[0].id, automation_rule: 'none' }],
    });
    expect(sim.status).toBe(200);
    expect(sim.body).toMatchObject({ changes_total: 0, reproduced: { replayed: 0, matching: 0 } });
    const unknown = await r.call('POST', '/analytics/simulate', {
      evaluation_template_id: template.id,
      changes: [{ stage_id: '00000000-0000-4000-8000-00000000dead' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([expect.objectContaining({ path: ['changes', 0, 'stage_id'] })]);
  });
});
