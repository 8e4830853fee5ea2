import { beforeEach, describe, expect, test } from 'vitest';
import { type ApiKit, expectTRPCError, setupEngineApi } from '../testing.ts';
import { buildPipeline, person, scores } from '../testing-pipeline.ts';

let t: ApiKit;
beforeEach(async () => {
  t = await setupEngineApi();
});

describe('the journey through the seed pipeline', () => {
  test('auto-advance, reviewer approval, final review: hired, with the whole trail', async () => {
    const { template, stages } = await buildPipeline(t.api);
    const [screen, technical, final] = stages;
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    expect(jane).toMatchObject({ status: 'active', current_stage_id: screen!.id, stage_state: 'pending' });

    const { session } = await t.api.sessions.schedule({ participant_id: jane.id });
    await t.api.sessions.start({ session_id: session.id });
    const passed = await t.api.sessions.complete({ session_id: session.id, ...scores(7, 6) });
    expect(passed.session.scorecard).toMatchObject({ overall_score: 66, passed: true, threshold_applied: 60 });
    expect(passed.participant.current_stage_id).toBe(technical!.id);

    const recorded = await t.api.sessions.recordResult({ participant_id: jane.id, ...scores(8, 8) });
    expect(recorded.participant).toMatchObject({ current_stage_id: technical!.id, stage_state: 'awaiting_decision' });
    const [decision] = await t.api.decisions.list();
    expect(decision).toMatchObject({
      reason: 'approval_required',
      suggested: 'advance',
      participant_name: 'Jane Smith',
      overall_score: 80,
    });
    expect(await t.api.decisions.openCount()).toBe(1);

    const decided = await t.api.decisions.decide({ decision_id: decision!.id, outcome: 'advance' });
    expect(decided.participant.current_stage_id).toBe(final!.id);
    await expectTRPCError(t.api.decisions.decide({ decision_id: decision!.id, outcome: 'advance' }), 'CONFLICT');

    const hired = await t.api.sessions.recordResult({ participant_id: jane.id, overall_score: 85 });
    expect(hired.participant).toMatchObject({ status: 'completed', recommendation: 'hire', current_stage_id: null });
    expect(await t.api.decisions.openCount()).toBe(0);

    const page = await t.api.participants.byId({ id: jane.id });
    const { items: events } = await t.api.participants.timeline({ id: jane.id });
    expect(events.map((e) => e.type)).toContain('participant_completed');
    expect(events[0]?.seq).toBeGreaterThan(events.at(-1)!.seq);
    expect(page.actions).toMatchObject({ schedule: false, record_result: false, advance: false, withdraw: false });
  });

  test('enrolment is refused while the pipeline has a blocking problem', async () => {
    const template = await t.api.templates.create({ template_name: 'Empty', use_case: 'hiring' });
    await expectTRPCError(
      t.api.participants.create({ evaluation_template_id: template.id, ...person() }),
      'PRECONDITION_FAILED',
    );
  });

  test('an email is unique per template', async () => {
    const { template } = await buildPipeline(t.api);
    await t.api.participants.create({ evaluation_template_id: template.id, name: 'A', email: 'a@example.com' });
    // The refusal names the template and points at the field, so a form can show it beside the email.
    await expectTRPCError(
      t.api.participants.create({ evaluation_template_id: template.id, name: 'B', email: 'A@example.com' }),
      'CONFLICT',
      { message: /a@example.com is already in evaluation template “Senior Backend Engineer”/, issuePath: ['email'] },
    );
    // Changing someone's email to one taken in the same template is refused the same way.
    const b = await t.api.participants.create({
      evaluation_template_id: template.id,
      name: 'B',
      email: 'b@example.com',
    });
    await expectTRPCError(t.api.participants.update({ id: b.id, email: 'a@example.com' }), 'CONFLICT', {
      issuePath: ['email'],
    });
  });

  test('bulkCreate reports created and skipped rows with the reason', async () => {
    const { template } = await buildPipeline(t.api);
    const result = await t.api.participants.bulkCreate({
      evaluation_template_id: template.id,
      participants: [
        { name: 'A', email: 'a@example.com' },
        { name: 'A again', email: 'a@example.com' },
        { name: 'No email' },
        { name: 'B', email: 'not-an-email' },
        { name: 'C', email: 'c@example.com', tags: ['referral'] },
      ],
    });
    expect(result.created.map((c) => c.index)).toEqual([0, 4]);
    expect(result.skipped.map((s) => [s.index, s.reason])).toEqual([
      [1, expect.stringMatching(/already/)],
      [2, expect.stringMatching(/^email: /)],
      [3, expect.stringMatching(/^email: /)],
    ]);
  });

  test('alreadyEnrolled answers which emails the template already has, without case, changing nothing', async () => {
    const { template } = await buildPipeline(t.api);
    await t.api.participants.create({ evaluation_template_id: template.id, name: 'A', email: 'a@example.com' });
    const { emails } = await t.api.participants.alreadyEnrolled({
      evaluation_template_id: template.id,
      emails: ['A@Example.com', 'b@example.com', 'not an email'],
    });
    expect(emails).toEqual(['a@example.com']);
    expect((await t.api.participants.list()).items).toHaveLength(1);
    // Another workspace's template is not found.
    await expectTRPCError(
      t.other.participants.alreadyEnrolled({ evaluation_template_id: template.id, emails: ['a@example.com'] }),
      'NOT_FOUND',
    );
  });

  test('list filters, searches and pages with a cursor', async () => {
    const { template } = await buildPipeline(t.api);
    for (let i = 0; i < 5; i++) {
      await t.api.participants.create({ evaluation_template_id: template.id, name: `P${i}`, email: `p${i}@x.io` });
    }
    const first = await t.api.participants.list({ evaluation_template_id: template.id, limit: 2 });
    const second = await t.api.participants.list({
      evaluation_template_id: template.id,
      limit: 2,
      cursor: first.next_cursor!,
    });
    const third = await t.api.participants.list({
      evaluation_template_id: template.id,
      limit: 2,
      cursor: second.next_cursor!,
    });
    const names = [...first.items, ...second.items, ...third.items].map((p) => p.name);
    expect(new Set(names).size).toBe(5);
    expect(third.next_cursor).toBeNull();
    expect((await t.api.participants.list({ search: 'p3@' })).items.map((p) => p.name)).toEqual(['P3']);
  });

  test('the board has a column per active stage plus the terminal ones', async () => {
    const { template, stages } = await buildPipeline(t.api);
    const a = await t.api.participants.create({ evaluation_template_id: template.id, ...person('A') });
    await t.api.participants.create({ evaluation_template_id: template.id, ...person('B') });
    await t.api.participants.withdraw({ participant_id: a.id });
    const { columns } = await t.api.participants.board({ evaluation_template_id: template.id });
    expect(columns.map((c) => [c.title, c.count])).toEqual([
      ['Phone Screen', 1],
      ['Technical', 0],
      ['Final', 0],
      ['Completed', 0],
      ['Rejected', 0],
      ['Withdrawn', 1],
    ]);
    expect(columns[0]?.cards[0]).toMatchObject({ name: 'B', stage_state: 'pending', attempts_used: 0 });
    expect(columns[0]?.stage_id).toBe(stages[0]?.id);
  });

  test('the board and the decisions inbox search by name or email, counts included', async () => {
    const { template } = await buildPipeline(t.api);
    for (const name of ['Priya Raman', 'Prya Raman', 'Omar Haddad']) {
      await t.api.participants.create({ evaluation_template_id: template.id, ...person(name) });
    }
    const board = await t.api.participants.board({ evaluation_template_id: template.id, search: 'priya ' });
    expect(board.columns[0]).toMatchObject({ count: 1, cards: [{ name: 'Priya Raman' }] });
    expect(board.columns.reduce((n, c) => n + c.count, 0)).toBe(1);
    // LIKE's wildcards are taken as they are written.
    const none = await t.api.participants.board({ evaluation_template_id: template.id, search: '%' });
    expect(none.columns.reduce((n, c) => n + c.count, 0)).toBe(0);

    const [priya, prya] = (await t.api.participants.list({ search: 'raman' })).items.sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const who of [priya!, prya!]) {
      const { session } = await t.api.sessions.schedule({ participant_id: who.id });
      await t.api.sessions.start({ session_id: session.id });
      await t.api.sessions.complete({ session_id: session.id, ...scores(7, 6) });
      // Technical needs a reviewer's approval: a decision waits in the inbox.
      await t.api.sessions.recordResult({ participant_id: who.id, ...scores(8, 8) });
    }
    expect((await t.api.decisions.list()).map((d) => d.participant_name).sort()).toEqual(['Priya Raman', 'Prya Raman']);
    expect((await t.api.decisions.list({ search: 'Priya' })).map((d) => d.participant_name)).toEqual(['Priya Raman']);
    expect(await t.api.decisions.list({ search: priya!.email.toUpperCase() })).toHaveLength(1);
  });
});

describe('stage edits and participants in flight', () => {
  test('archive is refused while someone is in the stage; edits report who keeps the old rules', async () => {
    const { template, stages } = await buildPipeline(t.api);
    await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await expectTRPCError(t.api.stages.archive({ id: stages[0]!.id }), 'CONFLICT', { message: /1/ });
    await expectTRPCError(t.api.stages.delete({ id: stages[0]!.id }), 'CONFLICT');
    const edit = await t.api.stages.update({ id: stages[0]!.id, pass_threshold: 90 });
    expect(edit.participants_in_flight).toBe(1);
  });
});

describe('idempotency', () => {
  test('a retried schedule returns the first session; the key on another request is refused', async () => {
    const { template } = await buildPipeline(t.api);
    const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    const q = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    const first = await t.api.sessions.schedule({ participant_id: p.id, idempotency_key: 'k1' });
    const again = await t.api.sessions.schedule({ participant_id: p.id, idempotency_key: 'k1' });
    expect(again.session.id).toBe(first.session.id);
    expect(await t.api.sessions.list({ participant_id: p.id })).toHaveLength(1);
    await expectTRPCError(t.api.sessions.schedule({ participant_id: q.id, idempotency_key: 'k1' }), 'CONFLICT');
  });
});

describe('concurrency', () => {
  test('two concurrent decides on one decision: exactly one applies', async () => {
    const { template } = await buildPipeline(t.api, [
      { type: 'technical', pass_threshold: 75, automation_rule: 'require_reviewer_approval' },
    ]);
    const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await t.api.sessions.recordResult({ participant_id: p.id, ...scores(9, 9) });
    const [decision] = await t.api.decisions.list();
    const results = await Promise.allSettled([
      t.api.decisions.decide({ decision_id: decision!.id, outcome: 'advance' }),
      t.api.decisions.decide({ decision_id: decision!.id, outcome: 'reject', note: 'no' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason.code).toBe('CONFLICT');
  });
});

describe('the timeline', () => {
  test('is paged newest first: the page carries no events, each page continues below the last', async () => {
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    for (let i = 0; i < 12; i++) await t.api.participants.update({ id: jane.id, tags: [`tag-${i}`] });
    expect(await t.api.participants.byId({ id: jane.id })).not.toHaveProperty('events');
    const all = (await t.api.events.list({ participant_id: jane.id, limit: 500 })).items;
    expect(all.length).toBeGreaterThan(10);

    const first = await t.api.participants.timeline({ id: jane.id, limit: 5 });
    expect(first.items).toEqual(all.slice(0, 5));
    expect(first.next_cursor).toBe(all[4]!.seq);
    const second = await t.api.participants.timeline({ id: jane.id, limit: 5, cursor: first.next_cursor! });
    expect(second.items).toEqual(all.slice(5, 10));
    const rest = await t.api.participants.timeline({ id: jane.id, limit: 100, cursor: second.next_cursor! });
    expect(rest).toEqual({ items: all.slice(10), next_cursor: null });
    // Twenty by default, as the page shows first.
    expect((await t.api.participants.timeline({ id: jane.id })).items).toHaveLength(Math.min(20, all.length));
  });

  test('of someone unknown is NOT_FOUND; past the oldest event it is empty', async () => {
    const { template } = await buildPipeline(t.api);
    const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    await expectTRPCError(t.api.participants.timeline({ id: crypto.randomUUID() }), 'NOT_FOUND');
    expect(await t.api.participants.timeline({ id: jane.id, cursor: 1 })).toEqual({ items: [], next_cursor: null });
  });
});

describe('isolation', () => {
  test('another workspace sees and changes nothing of these participants', async () => {
    const { template } = await buildPipeline(t.api);
    const p = await t.api.participants.create({ evaluation_template_id: template.id, ...person() });
    const { session } = await t.api.sessions.schedule({ participant_id: p.id });
    await expectTRPCError(t.other.participants.byId({ id: p.id }), 'NOT_FOUND');
    await expectTRPCError(t.other.participants.timeline({ id: p.id }), 'NOT_FOUND');
    await expectTRPCError(t.other.participants.withdraw({ participant_id: p.id }), 'NOT_FOUND');
    await expectTRPCError(t.other.sessions.start({ session_id: session.id }), 'NOT_FOUND');
    await expectTRPCError(t.other.sessions.byId({ id: session.id }), 'NOT_FOUND');
    await expectTRPCError(t.other.participants.board({ evaluation_template_id: template.id }), 'NOT_FOUND');
    await expectTRPCError(
      t.other.participants.create({ evaluation_template_id: template.id, ...person() }),
      'NOT_FOUND',
    );
    expect((await t.other.participants.list()).items).toEqual([]);
    expect((await t.other.events.list()).items).toEqual([]);
    expect(await t.other.decisions.list()).toEqual([]);
    expect(await t.other.sessions.list()).toEqual([]);
    expect((await t.api.participants.byId({ id: p.id })).status).toBe('active');
  });
});
