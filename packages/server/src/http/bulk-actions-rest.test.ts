import { interviewerInput } from '@stageflow/testing';
import { beforeEach, describe, expect, test } from 'vitest';
import { ALL_KEY, restApp } from './rest-testing.ts';

let app: ReturnType<typeof restApp>;

/** A two-stage template over REST, and three people at its first stage: one of them has passed it. */
async function cohort() {
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await app.call(method, path, body);
    expect(res.status, `${method} ${path}: ${res.text}`).toBe(200);
    return res.body;
  };
  const profile = await ok('POST', '/agent-profiles', interviewerInput());
  const template = await ok('POST', '/evaluation-templates', { template_name: 'Support', use_case: 'training' });
  for (const type of ['screen', 'panel']) {
    await ok('POST', '/evaluation-stages', {
      evaluation_template_id: template.id,
      type,
      agent_profile_id: profile.id,
      automation_rule: 'none',
    });
  }
  const enrol = (name: string) =>
    ok('POST', '/participants', {
      evaluation_template_id: template.id,
      name,
      email: `${name.toLowerCase()}@example.com`,
    });
  const passed = await enrol('Pia');
  await ok('POST', `/participants/${passed.id}/results`, { overall_score: 90 });
  const pending = await enrol('Ole');
  const other = await enrol('Ines');
  return { template, passed, pending, other };
}

beforeEach(() => {
  app = restApp();
});

describe('POST /participants/bulk-actions and GET /participants/bulk-actions/{id}', () => {
  test('preview, then apply with an Idempotency-Key, then follow it to the end', async () => {
    const c = await cohort();
    const body = { action: 'advance', participant_ids: [c.passed.id, c.pending.id] };

    const preview = await app.call('POST', '/participants/bulk-actions', { ...body, dry_run: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: null, status: 'preview', counts: { applied: 1, refused: 1 } });
    expect(preview.body.items[1]).toMatchObject({
      name: 'Ole',
      outcome: 'refused',
      code: 'BAD_REQUEST',
      field: 'note',
      reason: expect.stringContaining('Ole has not passed stage "Screen"'),
    });

    const key = { 'Idempotency-Key': 'bulk-2026-03-02-a', 'x-api-key': ALL_KEY };
    const started = await app.call('POST', '/participants/bulk-actions', { ...body, dry_run: false }, key);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'running', total: 2, processed: 0 });
    const retried = await app.call('POST', '/participants/bulk-actions', { ...body, dry_run: false }, key);
    expect(retried.body.id).toBe(started.body.id);

    await app.deps.bulkRunner.idle();
    const done = await app.call('GET', `/participants/bulk-actions/${started.body.id}`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', processed: 2, counts: { applied: 1, refused: 1 } });
    expect(done.body.items.map((i: { outcome: string; reason: string | null }) => [i.outcome, i.reason])).toEqual(
      preview.body.items.map((i: { outcome: string; reason: string | null }) => [i.outcome, i.reason]),
    );
    const pia = await app.call('GET', `/participants/${c.passed.id}/timeline`);
    expect(pia.body.items[0]).toMatchObject({ type: 'stage_entered', bulk_action_id: started.body.id });
  });

  test('send_portal_link: dry run, apply, follow; without mail set up each message waits in the outbox, not sent', async () => {
    const c = await cohort();
    await app.call('POST', `/participants/${c.other.id}/withdraw`, {});
    const body = { action: 'send_portal_link', participant_ids: [c.pending.id, c.other.id], expires_in_days: 14 };

    const preview = await app.call('POST', '/participants/bulk-actions', { ...body, dry_run: true });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({ status: 'preview', expires_in_days: 14, counts: { applied: 1, refused: 1 } });
    expect(preview.body.items).toMatchObject([
      {
        name: 'Ole',
        outcome: 'applied',
        summary:
          'Makes a new portal link, working 14 days; its email to ole@example.com is kept in the outbox, not sent (mail is not set up)',
      },
      {
        name: 'Ines',
        outcome: 'refused',
        code: 'CONFLICT',
        reason: "Ines's evaluation has ended (withdrawn): there is nothing left for them to do in the portal",
      },
    ]);
    const owner = { 'x-api-key': '' }; // The owner's own session: only owners read the outbox.
    expect((await app.call('GET', '/mail/outbox', undefined, owner)).body.items).toEqual([]);

    const key = { 'Idempotency-Key': 'links-2026-03-02', 'x-api-key': ALL_KEY };
    const started = await app.call('POST', '/participants/bulk-actions', { ...body, dry_run: false }, key);
    expect(started.status, started.text).toBe(200);
    await app.deps.bulkRunner.idle();
    const again = await app.call('POST', '/participants/bulk-actions', { ...body, dry_run: false }, key);
    expect(again.body.id).toBe(started.body.id);
    await app.deps.bulkRunner.idle();

    const done = await app.call('GET', `/participants/bulk-actions/${started.body.id}`);
    expect(done.body).toMatchObject({ status: 'completed', counts: { applied: 1, refused: 1 } });
    expect(done.body.items.map((i: { summary: string | null }) => i.summary)).toEqual(
      preview.body.items.map((i: { summary: string | null }) => i.summary),
    );
    const outbox = await app.call('GET', '/mail/outbox', undefined, owner);
    expect(outbox.body.items).toMatchObject([{ kind: 'portal_link', to: 'ole@example.com', status: 'not_sent' }]);
    const ole = await app.call('GET', `/participants/${c.pending.id}`);
    expect(ole.body.portal_link).toMatchObject({ status: 'active' });
    const oleTimeline = await app.call('GET', `/participants/${c.pending.id}/timeline`);
    expect(
      oleTimeline.body.items.filter((e: { bulk_action_id: string | null }) => e.bulk_action_id === started.body.id)
        .length,
    ).toBeGreaterThan(0);
    const ines = await app.call('GET', `/participants/${c.other.id}`);
    expect(ines.body.portal_link).toBeNull();

    // Another action's parameter is refused by name; so is an id of another workspace (here: nobody's).
    const bad = await app.call('POST', '/participants/bulk-actions', { ...body, dry_run: true, expires_in_days: 91 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(['expires_in_days']);
    const elsewhere = await app.call('POST', '/participants/bulk-actions', {
      action: 'send_portal_link',
      dry_run: true,
      participant_ids: ['0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'],
    });
    expect(elsewhere.status).toBe(404);
  });

  test('bad input is a 400 naming the field; an unknown action id a 404', async () => {
    const c = await cohort();
    const refuse = async (body: unknown, path: (string | number)[]) => {
      const res = await app.call('POST', '/participants/bulk-actions', body);
      expect(res.status, res.text).toBe(400);
      expect(res.body.issues.map((i: { path: unknown }) => i.path)).toContainEqual(path);
    };
    await refuse({ action: 'advance', participant_ids: [c.pending.id] }, ['dry_run']);
    await refuse({ action: 'promote', dry_run: true, participant_ids: [c.pending.id] }, ['action']);
    await refuse({ action: 'advance', dry_run: true }, ['participant_ids']);
    await refuse({ action: 'advance', dry_run: true, participant_ids: ['not-an-id'] }, ['participant_ids', 0]);
    await refuse(
      { action: 'advance', dry_run: true, participant_ids: Array.from({ length: 1001 }, () => c.pending.id) },
      ['participant_ids'],
    );
    await refuse({ action: 'tag', dry_run: true, participant_ids: [c.pending.id], tags: {} }, ['tags']);
    await refuse(
      { action: 'schedule', dry_run: true, participant_ids: [c.pending.id], schedule: { scheduled_at: 'soon' } },
      ['schedule', 'scheduled_at'],
    );

    const unknown = await app.call('GET', '/participants/bulk-actions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/Bulk action .* was not found/);
  });

  test('GET /participants/count counts what the list’s filters match', async () => {
    const c = await cohort();
    const all = await app.call('GET', `/participants/count?evaluation_template_id=${c.template.id}`);
    expect(all.body).toEqual({ count: 3 });
    const searched = await app.call('GET', `/participants/count?evaluation_template_id=${c.template.id}&search=pi`);
    expect(searched.body).toEqual({ count: 1 });
    expect((await app.call('GET', '/participants/count?status=sleeping')).status).toBe(400);
  });

  test('tRPC answers the same as REST', async () => {
    const c = await cohort();
    const input = {
      action: 'tag',
      dry_run: true,
      filter: { evaluation_template_id: c.template.id },
      tags: { add: ['wave-2'] },
    };
    const rest = await app.call('POST', '/participants/bulk-actions', input);
    const res = await app.app.request('/trpc/bulkActions.create', {
      method: 'POST',
      headers: { 'x-api-key': ALL_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const trpc = ((await res.json()) as { result: { data: unknown } }).result.data;
    expect(trpc).toEqual(rest.body);
  });
});
