import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { hashPortalToken } from '../auth/portal-tokens.ts';
import { expectTRPCError, rowsOnEngine, setupEngineApi } from '../testing.ts';
import { buildPipeline, person } from '../testing-pipeline.ts';

async function setup(now?: () => string) {
  const t = await setupEngineApi(now ? { now } : {});
  const { template } = await buildPipeline(t.api);
  const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane') });
  // Revoked links first: rotations at one instant share `created_at`, and only the newest is not revoked.
  const linkRows = () =>
    rowsOnEngine<{ token_hash: string; revoked_at: string | null; expires_at: string }>(
      t,
      'select * from portal_links where participant_id = ? order by created_at, revoked_at is null, revoked_at',
      jane.id,
    );
  const eventTypes = async () =>
    (await t.api.participants.timeline({ id: jane.id, limit: 100 })).items
      .map((e) => e.type)
      .filter((x) => x.startsWith('portal_'));
  return { t, template, jane, linkRows, eventTypes };
}

describe('participants.portalLink', () => {
  test('creates a link: an sfp_ token in a /p/ URL, shown once, stored only as its hash, for 30 days', async () => {
    const { t, jane, linkRows, eventTypes } = await setup();
    const created = await t.api.participants.portalLink({ participant_id: jane.id });
    expect(created.token).toMatch(/^sfp_[A-Za-z0-9_-]{43}$/);
    expect(created.url).toBe(`http://localhost:3000/p/${created.token}`);
    expect(created.expires_at).toBe(new Date(Date.parse(NOW) + 30 * 86_400_000).toISOString());
    const [row] = await linkRows();
    expect(row!.token_hash).toBe(hashPortalToken(created.token));
    expect(JSON.stringify(await linkRows())).not.toContain(created.token);

    const page = await t.api.participants.byId({ id: jane.id });
    expect(page.portal_link).toEqual({
      created_at: NOW,
      created_by: `user:owner-of-${t.workspaceId}`,
      expires_at: created.expires_at,
      revoked_at: null,
      last_opened_at: null,
      status: 'active',
    });
    expect(JSON.stringify(page)).not.toContain(created.token);
    expect(JSON.stringify(page)).not.toContain(row!.token_hash);
    expect(await eventTypes()).toEqual(['portal_link_created']);
  });

  test('expires_in_days sets the expiry within 1..90', async () => {
    const { t, jane } = await setup();
    const created = await t.api.participants.portalLink({ participant_id: jane.id, expires_in_days: 7 });
    expect(created.expires_at).toBe(new Date(Date.parse(NOW) + 7 * 86_400_000).toISOString());
    await expectTRPCError(
      t.api.participants.portalLink({ participant_id: jane.id, expires_in_days: 91 }),
      'BAD_REQUEST',
      {
        issuePath: ['expires_in_days'],
      },
    );
  });

  test('rotating revokes the earlier link in the same command; the timeline says both', async () => {
    const { t, jane, linkRows, eventTypes } = await setup();
    const first = await t.api.participants.portalLink({ participant_id: jane.id });
    const second = await t.api.participants.portalLink({ participant_id: jane.id });
    expect(second.token).not.toBe(first.token);
    const rows = await linkRows();
    expect(rows.map((r) => r.revoked_at)).toEqual([NOW, null]);
    // Newest first.
    expect(await eventTypes()).toEqual(['portal_link_created', 'portal_link_revoked', 'portal_link_created']);
  });

  test('rotating again and again at the same instant leaves exactly one working link, the newest', async () => {
    const { t, jane, linkRows } = await setup();
    let last = '';
    for (let i = 0; i < 5; i++) last = (await t.api.participants.portalLink({ participant_id: jane.id })).token;
    const rows = await linkRows();
    expect(rows.filter((r) => r.revoked_at === null).map((r) => r.token_hash)).toEqual([hashPortalToken(last)]);
    expect((await t.api.participants.byId({ id: jane.id })).portal_link?.status).toBe('active');
  });

  test("another workspace's participant is NOT_FOUND, and nothing is written", async () => {
    const { t, jane, linkRows } = await setup();
    await expectTRPCError(t.other.participants.portalLink({ participant_id: jane.id }), 'NOT_FOUND');
    await expectTRPCError(t.other.participants.revokePortalLink({ participant_id: jane.id }), 'NOT_FOUND');
    expect(await linkRows()).toEqual([]);
  });

  test('reviewers and viewers may not create links (admin and owner only)', async () => {
    const { t, jane } = await setup();
    for (const role of ['reviewer', 'viewer'] as const) {
      await expectTRPCError(
        t.callerFor(t.workspaceId, role).participants.portalLink({ participant_id: jane.id }),
        'FORBIDDEN',
      );
    }
    await t.callerFor(t.workspaceId, 'admin').participants.portalLink({ participant_id: jane.id });
  });
});

describe('participants.revokePortalLink', () => {
  test('revokes the working link at once; the page shows it revoked', async () => {
    const { t, jane, eventTypes } = await setup();
    await t.api.participants.portalLink({ participant_id: jane.id });
    const revoked = await t.api.participants.revokePortalLink({ participant_id: jane.id });
    expect(revoked).toMatchObject({ revoked_at: NOW, status: 'revoked' });
    expect((await t.api.participants.byId({ id: jane.id })).portal_link?.status).toBe('revoked');
    expect(await eventTypes()).toEqual(['portal_link_revoked', 'portal_link_created']);
  });

  test('with no working link it is a CONFLICT that says so', async () => {
    const { t, jane } = await setup();
    await expectTRPCError(t.api.participants.revokePortalLink({ participant_id: jane.id }), 'CONFLICT', {
      message: /no portal link/,
    });
    await t.api.participants.portalLink({ participant_id: jane.id });
    await t.api.participants.revokePortalLink({ participant_id: jane.id });
    await expectTRPCError(t.api.participants.revokePortalLink({ participant_id: jane.id }), 'CONFLICT', {
      message: /already revoked/,
    });
  });

  test('an expired link shows as expired on the page', async () => {
    let now = NOW;
    const { t, jane } = await setup(() => now);
    await t.api.participants.portalLink({ participant_id: jane.id, expires_in_days: 1 });
    now = new Date(Date.parse(NOW) + 2 * 86_400_000).toISOString();
    expect((await t.api.participants.byId({ id: jane.id })).portal_link?.status).toBe('expired');
  });
});
