import type { Role } from '@stageflow/domain';
import { beforeAll, describe, expect, test } from 'vitest';
import { createCaller } from '../caller.ts';
import { createInnerContext } from '../context.ts';
import { restApp } from '../http/rest-testing.ts';
import { type ApiKit, addUserAsMember, expectTRPCError, setupEngineApi } from '../testing.ts';
import { buildPipeline, person } from '../testing-pipeline.ts';

/**
 * Voluntary self-identification and the adverse-impact monitor over the API (docs/rules.md#self-identification,
 * docs/rules.md#adverse-impact): staff record answers, owners (and admins they grant it to) read the figures,
 * nobody else does, and nothing about a person's answers reaches the rest of the product.
 *
 * The cohort: Screen (a reviewer's score, pass mark 60, advances, rejects a fail) → Interview.
 *   12 women (white): 10 score 80 and move on, 2 score 40 and are rejected.
 *   12 men (asian): 5 score 70 and move on, 7 score 50 and are rejected.
 *   3 people with no answers score 90 and move on; 1 who declined both questions scores 30, rejected.
 */
let t: ApiKit;
let ids: Awaited<ReturnType<typeof buildPipeline>>;
/** Another template, for tests that enrol people of their own without touching the cohort's figures. */
let spare: Awaited<ReturnType<typeof buildPipeline>>;
const participants: Record<'female' | 'male' | 'unknown' | 'declined', string[]> = {
  female: [],
  male: [],
  unknown: [],
  declined: [],
};

/** A real member of workspace A (grants name real users) and a caller acting as them. */
async function member(userId: string, role: Role) {
  await addUserAsMember(t, userId, role);
  return createCaller(createInnerContext(t.deps, { kind: 'user', userId, workspaceId: t.workspaceId, role }));
}
let owner: Awaited<ReturnType<typeof member>>;
let admin: typeof owner;
let reviewer: typeof owner;

beforeAll(async () => {
  t = await setupEngineApi();
  owner = await member('olga-owner', 'owner');
  admin = await member('ada-admin', 'admin');
  reviewer = await member('rui-reviewer', 'reviewer');
  ids = await buildPipeline(t.api, [
    {
      type: 'screen',
      stage_type: 'manual_review',
      pass_threshold: 60,
      automation_rule: 'auto_advance',
      auto_reject: true,
    },
    { type: 'interview', stage_type: 'manual_review', pass_threshold: 70 },
  ]);
  spare = await buildPipeline(t.api);
  const enrol = async (group: keyof typeof participants, score: number, answers?: object) => {
    const p = await t.api.participants.create({ evaluation_template_id: ids.template.id, ...person() });
    if (answers) await t.api.selfIdentification.record({ participant_id: p.id, ...answers } as never);
    await t.api.sessions.recordResult({ participant_id: p.id, overall_score: score });
    participants[group].push(p.id);
  };
  const woman = { sex: 'female', race_ethnicity: 'white' };
  const man = { sex: 'male', race_ethnicity: 'asian' };
  for (let i = 0; i < 12; i++) await enrol('female', i < 10 ? 80 : 40, woman);
  for (let i = 0; i < 12; i++) await enrol('male', i < 5 ? 70 : 50, man);
  for (let i = 0; i < 3; i++) await enrol('unknown', 90);
  await enrol('declined', 30, { sex: 'decline_to_answer', race_ethnicity: 'decline_to_answer' });
});

const query = () => ({ evaluation_template_id: ids.template.id });

describe('selfIdentification.record', () => {
  test('stores the answers and answers them back, as recorded by the caller', async () => {
    const p = await t.api.participants.create({ evaluation_template_id: spare.template.id, ...person() });
    const recorded = await t.api.selfIdentification.record({
      participant_id: p.id,
      sex: 'female',
      race_ethnicity: 'two_or_more_races',
    });
    expect(recorded).toEqual({
      participant_id: p.id,
      sex: 'female',
      race_ethnicity: 'two_or_more_races',
      recorded_at: expect.any(String),
      recorded_by: `user:owner-of-${t.workspaceId}`,
    });
    expect(await t.deps.reads.selfIdentification.byParticipant(t.workspaceId, p.id)).toEqual(recorded);
  });

  test('logs that answers were recorded, never what they are; the same answers again log nothing', async () => {
    const p = await t.api.participants.create({ evaluation_template_id: spare.template.id, ...person() });
    const answers = { participant_id: p.id, sex: 'male', race_ethnicity: 'hispanic_or_latino' } as const;
    await t.api.selfIdentification.record(answers);
    await t.api.selfIdentification.record(answers);
    const { items: events } = await t.api.events.list({ participant_id: p.id });
    const recorded = events.filter((e) => e.type === 'self_identification_recorded');
    expect(recorded).toEqual([
      expect.objectContaining({ data: { first: true }, actor: `user:owner-of-${t.workspaceId}` }),
    ]);
    expect(JSON.stringify(events)).not.toMatch(/hispanic|"male"/);
  });

  test('a value outside the EEO-1 categories, or a missing answer, is a 400 naming the field', async () => {
    const [someone] = participants.female;
    await expectTRPCError(
      t.api.selfIdentification.record({ participant_id: someone!, sex: 'other', race_ethnicity: 'asian' } as never),
      'BAD_REQUEST',
      { issuePath: ['sex'] },
    );
    await expectTRPCError(
      t.api.selfIdentification.record({ participant_id: someone!, sex: 'female' } as never),
      'BAD_REQUEST',
      { issuePath: ['race_ethnicity'] },
    );
    const r = restApp();
    const template = await r.call('POST', '/evaluation-templates', { template_name: 'T', use_case: 'hiring' });
    await r.call('POST', '/evaluation-stages', {
      evaluation_template_id: template.body.id,
      type: 'review',
      stage_type: 'manual_review',
    });
    const jane = await r.call('POST', '/participants', { evaluation_template_id: template.body.id, ...person('Jane') });
    const bad = await r.call('PUT', `/participants/${jane.body.id}/self-identification`, {
      sex: 'female',
      race_ethnicity: 'martian',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: ['race_ethnicity'] })]);
    const ok = await r.call('PUT', `/participants/${jane.body.id}/self-identification`, {
      sex: 'decline_to_answer',
      race_ethnicity: 'asian',
    });
    expect(ok.status).toBe(200);
  });

  test('another workspace’s participant is not found, and nothing of theirs is stored', async () => {
    const [someone] = participants.male;
    await expectTRPCError(
      t.other.selfIdentification.record({ participant_id: someone!, sex: 'female', race_ethnicity: 'white' }),
      'NOT_FOUND',
    );
    expect(await t.deps.reads.selfIdentification.byParticipant(t.workspaceId, someone!)).toMatchObject({ sex: 'male' });
  });

  test('reviewers and viewers may not record answers', async () => {
    const [someone] = participants.male;
    const answers = { participant_id: someone!, sex: 'female', race_ethnicity: 'white' } as const;
    await expectTRPCError(reviewer.selfIdentification.record(answers), 'FORBIDDEN');
    await expectTRPCError(t.callerFor(t.workspaceId, 'viewer').selfIdentification.record(answers), 'FORBIDDEN');
  });
});

describe('nothing of a person’s answers reaches the rest of the product', () => {
  test('participant pages, lists, boards, decisions and the audit trail carry no category', async () => {
    const [woman] = participants.female;
    const seen = JSON.stringify([
      await t.api.participants.byId({ id: woman! }),
      await t.api.participants.list({ evaluation_template_id: ids.template.id }),
      await t.api.participants.board({ evaluation_template_id: ids.template.id }),
      await t.api.decisions.list({}),
      await t.api.events.list({}),
      await t.api.analytics.report(query()),
    ]);
    for (const word of ['female', 'white', 'asian', 'decline_to_answer', 'race_ethnicity']) {
      expect(seen).not.toContain(word);
    }
  });
});

describe('analytics.adverseImpact', () => {
  test('selection at a stage: rates, the ratio against the best, the four-fifths flag, N and a p-value', async () => {
    const answer = await t.api.analytics.adverseImpact(query());
    expect(answer).toMatchObject({ participants: 28, self_identified: 25, min_group_size: 10 });
    const screen = answer.by_stage.find((s) => s.stage_id === ids.stages[0]!.id)!;
    expect(screen.selection.by_sex).toMatchObject({ counted: 28, unknown: 4 });
    const [male, female] = screen.selection.by_sex.rows;
    expect(female).toMatchObject({ n: 12, selected: 10, status: 'reference', impact_ratio: 1, p_value: null });
    expect(male).toMatchObject({ n: 12, selected: 5, status: 'compared', impact_ratio: 0.5, below_four_fifths: true });
    // SciPy: fisher_exact([[5, 7], [10, 2]]) → 0.08937945887737248.
    expect(male!.p_value).toBeCloseTo(0.08937945887737248, 10);
    const byRace = screen.selection.by_race_ethnicity.rows;
    expect(byRace.find((r) => r.race_ethnicity === 'white')).toMatchObject({ n: 12, status: 'reference' });
    expect(byRace.find((r) => r.race_ethnicity === 'hispanic_or_latino')).toMatchObject({
      n: 0,
      status: 'insufficient_data',
      rate: null,
    });
    const both = screen.selection.by_intersection.rows.find((r) => r.sex === 'male' && r.race_ethnicity === 'asian');
    expect(both).toMatchObject({ n: 12, selected: 5, below_four_fifths: true });
  });

  test('the scoring rate: the share above the median of everyone’s latest score', async () => {
    const answer = await t.api.analytics.adverseImpact(query());
    const screen = answer.by_stage.find((s) => s.stage_id === ids.stages[0]!.id)!;
    // 30, 40×2, 50×7, 70×5, 80×10, 90×3: the median of 28 is 70, and a 70 is not above it.
    expect(screen.scoring).toMatchObject({ results: 28, median_score: 70 });
    const [male, female] = screen.scoring!.figures.by_sex.rows;
    expect(female).toMatchObject({ n: 12, selected: 10, status: 'reference' });
    expect(male).toMatchObject({ n: 12, selected: 0, impact_ratio: 0, below_four_fifths: true });
    // SciPy: fisher_exact([[0, 12], [10, 2]]) → 6.73038093956118e-05.
    expect(male!.p_value).toBeCloseTo(6.73038093956118e-5, 12);
    const interview = answer.by_stage.find((s) => s.stage_id === ids.stages[1]!.id)!;
    expect(interview.scoring).toBeNull();
  });

  test('the whole template: completed against rejected, small groups insufficient', async () => {
    const { template } = await t.api.analytics.adverseImpact(query());
    expect(template.by_sex).toMatchObject({ counted: 10, unknown: 1 });
    expect(template.by_sex.rows.map((r) => [r.n, r.selected, r.status])).toEqual([
      [7, 0, 'insufficient_data'],
      [2, 0, 'insufficient_data'],
    ]);
  });

  test('a bad period is a 400 naming the field; another workspace’s template is not found', async () => {
    await expectTRPCError(t.api.analytics.adverseImpact({ ...query(), from: '2026-13-01' }), 'BAD_REQUEST', {
      issuePath: ['from'],
    });
    await expectTRPCError(t.other.analytics.adverseImpact(query()), 'NOT_FOUND');
    const mine = await buildPipeline(t.other);
    const theirs = await t.other.analytics.adverseImpact({ evaluation_template_id: mine.template.id });
    expect(theirs).toMatchObject({ participants: 0, self_identified: 0 });
  });
});

describe('who reads the figures: owners, and the admins they grant them to', () => {
  test('a reviewer and an admin without a grant are refused; an API key never gets them', async () => {
    await expectTRPCError(reviewer.analytics.adverseImpact(query()), 'FORBIDDEN', { message: /owner/ });
    await expectTRPCError(admin.analytics.adverseImpact(query()), 'FORBIDDEN', {
      message: /owner or above, or admin with an owner's grant/,
    });
    const key = createCaller(
      createInnerContext(t.deps, {
        kind: 'api_key',
        keyId: 'k',
        workspaceId: t.workspaceId,
        scopes: ['analytics.read', 'participants.read', 'demographics.write'],
      }),
    );
    await expectTRPCError(key.analytics.adverseImpact(query()), 'FORBIDDEN', { message: /API keys cannot hold/ });
  });

  test('an owner grants an admin, who then reads them; taking it back refuses them again', async () => {
    expect((await owner.demographicsAccess.list()).admins).toEqual([
      expect.objectContaining({ user_id: 'ada-admin', granted: false }),
    ]);
    const after = await owner.demographicsAccess.grant({ user_id: 'ada-admin' });
    expect(after.admins).toEqual([
      expect.objectContaining({ user_id: 'ada-admin', granted: true, granted_by: 'user:olga-owner' }),
    ]);
    expect((await admin.analytics.adverseImpact(query())).self_identified).toBe(25);
    expect((await admin.account.me()).reads_demographics).toBe(true);
    const { items: events } = await owner.events.list({});
    expect(events[0]).toMatchObject({
      type: 'demographics_access_granted',
      actor: 'user:olga-owner',
      data: { user_id: 'ada-admin' },
    });

    await owner.demographicsAccess.revoke({ user_id: 'ada-admin' });
    await expectTRPCError(admin.analytics.adverseImpact(query()), 'FORBIDDEN');
    expect((await admin.account.me()).reads_demographics).toBe(false);
  });

  test('a grant counts only while its holder is an admin', async () => {
    await owner.demographicsAccess.grant({ user_id: 'ada-admin' });
    await t.deps.reads.members.setRole(t.workspaceId, 'ada-admin', 'reviewer');
    const demoted = createCaller(
      createInnerContext(t.deps, { kind: 'user', userId: 'ada-admin', workspaceId: t.workspaceId, role: 'reviewer' }),
    );
    await expectTRPCError(demoted.analytics.adverseImpact(query()), 'FORBIDDEN');
    await t.deps.reads.members.setRole(t.workspaceId, 'ada-admin', 'admin');
    await owner.demographicsAccess.revoke({ user_id: 'ada-admin' });
  });

  test('only admins can be granted, only owners grant, and only members of the workspace', async () => {
    await expectTRPCError(owner.demographicsAccess.grant({ user_id: 'rui-reviewer' }), 'BAD_REQUEST', {
      issuePath: ['user_id'],
      message: /make them an admin first/,
    });
    await expectTRPCError(owner.demographicsAccess.grant({ user_id: 'olga-owner' }), 'BAD_REQUEST', {
      issuePath: ['user_id'],
    });
    await expectTRPCError(owner.demographicsAccess.grant({ user_id: 'nobody' }), 'NOT_FOUND');
    await expectTRPCError(admin.demographicsAccess.grant({ user_id: 'ada-admin' }), 'FORBIDDEN');
    await expectTRPCError(admin.demographicsAccess.list(), 'FORBIDDEN');
    // Another workspace's owner cannot let anyone into this one.
    await expectTRPCError(t.other.demographicsAccess.grant({ user_id: 'ada-admin' }), 'NOT_FOUND');
  });
});

describe('analytics.simulate: impact ratios under each rule set', () => {
  const higherPassMark = () => ({ ...query(), changes: [{ stage_id: ids.stages[0]!.id, pass_threshold: 75 }] });

  test('the owner sees pass rates by category before and after the change', async () => {
    const { adverse_impact } = await owner.analytics.simulate(higherPassMark());
    const screen = adverse_impact![0]!;
    const passes = (figures: typeof screen.recorded) => figures.by_sex.rows.map((r) => [r.sex, r.n, r.selected]);
    expect(passes(screen.recorded)).toEqual([
      ['male', 12, 5],
      ['female', 12, 10],
    ]);
    // A pass mark of 75 fails every man's 70.
    expect(passes(screen.simulated)).toEqual([
      ['male', 12, 0],
      ['female', 12, 10],
    ]);
    expect(screen.simulated.by_sex.rows[0]).toMatchObject({ impact_ratio: 0, below_four_fifths: true });
  });

  test('whoever may not read the figures gets the simulation without them', async () => {
    expect((await reviewer.analytics.simulate(higherPassMark())).adverse_impact).toBeNull();
    expect((await admin.analytics.simulate(higherPassMark())).adverse_impact).toBeNull();
  });
});
