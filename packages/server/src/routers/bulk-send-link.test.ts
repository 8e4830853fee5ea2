// A bulk "send the portal link" through tRPC (docs/rules.md#bulk-actions): the preview says who gets a
// link and who is refused and why, storing nothing; applying gives each person what the single Send link
// gives (a new link, its email in the outbox, one transaction), the message reaches the SMTP sink, and a
// retry or a restart sends nobody a second link. Without mail set up the messages are kept, not sent.

import { openPortalLink } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { resumeBulkActions } from '../application/bulk-actions.ts';
import { hashPortalToken } from '../auth/portal-tokens.ts';
import { createCaller } from '../caller.ts';
import { createInnerContext } from '../context.ts';
import { anotherProcess, expectTRPCError } from '../testing.ts';
import { setupMail } from '../testing-mail.ts';
import { buildPipeline, person } from '../testing-pipeline.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
async function kit(options?: Parameters<typeof setupMail>[0]) {
  const m = await setupMail(options);
  cleanups.push(m.close);
  return m;
}

/** Two active people (one with a working link already), one rejected and one withdrawn. */
async function cohort(t: Awaited<ReturnType<typeof kit>>['t']) {
  const { template } = await buildPipeline(t.api);
  const enrol = (name: string) => t.api.participants.create({ evaluation_template_id: template.id, ...person(name) });
  const ana = await enrol('Ana Active');
  const lin = await enrol('Lin Linked');
  const firstLink = await t.api.participants.portalLink({ participant_id: lin.id });
  const rita = await enrol('Rita Rejected');
  await t.api.participants.reject({ participant_id: rita.id });
  const walt = await enrol('Walt Withdrawn');
  await t.api.participants.withdraw({ participant_id: walt.id });
  return { template, ana, lin, rita, walt, firstLink, ids: [ana.id, lin.id, rita.id, walt.id] };
}

const lines = (
  items: readonly { name: string | null; outcome: string; summary: string | null; reason: string | null }[],
) => items.map(({ name, outcome, summary, reason }) => ({ name, outcome, summary, reason }));

describe('bulk send of the portal link', () => {
  test('previewed (who gets it, who is refused and why), applied as previewed, and it arrives', async () => {
    const { t, sink, worker } = await kit();
    const c = await cohort(t);
    const input = { action: 'send_portal_link' as const, participant_ids: c.ids, expires_in_days: 7 };

    const preview = await t.api.bulkActions.create({ ...input, dry_run: true });
    expect(preview).toMatchObject({ id: null, status: 'preview', expires_in_days: 7, total: 4 });
    expect(preview.counts).toEqual({ pending: 0, applied: 2, unchanged: 0, refused: 2 });
    expect(lines(preview.items)).toEqual([
      {
        name: 'Ana Active',
        outcome: 'applied',
        summary: `Emails a new portal link to ${c.ana.email}, working 7 days`,
        reason: null,
      },
      {
        name: 'Lin Linked',
        outcome: 'applied',
        summary: `Emails a new portal link to ${c.lin.email}, working 7 days; the link they had stops working`,
        reason: null,
      },
      {
        name: 'Rita Rejected',
        outcome: 'refused',
        summary: null,
        reason: "Rita Rejected's evaluation has ended (rejected): there is nothing left for them to do in the portal",
      },
      {
        name: 'Walt Withdrawn',
        outcome: 'refused',
        summary: null,
        reason: "Walt Withdrawn's evaluation has ended (withdrawn): there is nothing left for them to do in the portal",
      },
    ]);
    // Nothing stored: no message, and Lin's first link still works.
    expect((await t.api.mail.list({})).items).toEqual([]);
    expect((await t.api.participants.byId({ id: c.lin.id })).portal_link?.status).toBe('active');

    const started = await t.api.bulkActions.create({ ...input, dry_run: false, idempotency_key: 'send-1' });
    expect(started).toMatchObject({ status: 'running', processed: 0, expires_in_days: 7 });
    await t.deps.bulkRunner.idle();
    const done = await t.api.bulkActions.byId({ id: started.id! });
    expect(done).toMatchObject({ status: 'completed', processed: 4, counts: { applied: 2, refused: 2 } });
    expect(lines(done.items)).toEqual(lines(preview.items));

    // Each of the two has one message waiting, as the single Send link writes it; the refused, nothing.
    const outbox = (await t.api.mail.list({})).items;
    expect(outbox.map((m) => [m.kind, m.to, m.status]).sort()).toEqual(
      [
        ['portal_link', c.ana.email, 'queued'],
        ['portal_link', c.lin.email, 'queued'],
      ].sort(),
    );
    for (const id of [c.rita.id, c.walt.id]) {
      const page = await t.api.participants.byId({ id });
      expect(page.portal_link).toBeNull();
      const { items } = await t.api.participants.timeline({ id, limit: 100 });
      expect(items.some((e) => e.bulk_action_id === started.id)).toBe(false);
    }

    // The link's events carry the bulk action's id, and Lin's earlier link was rotated away.
    const { items: lin } = await t.api.participants.timeline({ id: c.lin.id, limit: 100 });
    expect(lin.filter((e) => e.bulk_action_id === started.id).map((e) => e.type)).toEqual(
      expect.arrayContaining(['portal_link_revoked', 'portal_link_created', 'portal_link_emailed']),
    );
    const oldToken = c.firstLink.token;
    const open = (token: string) =>
      t.deps.storage.portalLinks.open(hashPortalToken(token), (l) => openPortalLink(l, NOW));
    expect(await open(oldToken)).toEqual({ refused: 'revoked' });

    // The worker sends them; the link in Ana's message opens her portal.
    expect(await worker.tick()).toBe(2);
    const mail = await sink.waitFor((m) => m.to.includes(c.ana.email));
    const url = mail.text.match(/http:\/\/localhost:3000\/p\/(sfp_[\w-]{43})/);
    expect(url).not.toBeNull();
    expect(await open(url![1]!)).toMatchObject({ participant: { id: c.ana.id } });

    // Applying again with the same key answers the same action: nobody gets a second message.
    const again = await t.api.bulkActions.create({ ...input, dry_run: false, idempotency_key: 'send-1' });
    expect(again.id).toBe(started.id);
    await t.deps.bulkRunner.idle();
    expect(await worker.tick()).toBe(0);
    expect(sink.messages).toHaveLength(2);
    expect((await t.api.mail.list({})).items).toHaveLength(2);
  });

  test('without mail set up, each line says the message is kept in the outbox, not sent', async () => {
    const { t, sink, worker } = await kit({ configured: false });
    const c = await cohort(t);
    const started = await t.api.bulkActions.create({
      action: 'send_portal_link',
      dry_run: false,
      participant_ids: [c.ana.id],
    });
    await t.deps.bulkRunner.idle();
    const done = await t.api.bulkActions.byId({ id: started.id! });
    expect(done.expires_in_days).toBe(30);
    expect(done.items[0]).toMatchObject({
      outcome: 'applied',
      summary: `Makes a new portal link, working 30 days; its email to ${c.ana.email} is kept in the outbox, not sent (mail is not set up)`,
    });
    expect((await t.api.mail.list({})).items).toMatchObject([{ to: c.ana.email, status: 'not_sent' }]);
    expect(await worker.tick()).toBe(0);
    expect(sink.messages).toEqual([]);
  });

  test('a stop half-way sends the rest on the next start, and nobody twice', async () => {
    const { t } = await kit();
    const c = await cohort(t);
    const mail = { setup: { configured: true, from: 'x@example.com' }, wake: () => {} };
    const stopping = await anotherProcess(t, { mail });
    stopping.bulkRunner.stop();
    const owner = {
      kind: 'user',
      userId: `owner-of-${t.workspaceId}`,
      workspaceId: t.workspaceId,
      role: 'owner',
    } as const;
    const started = await createCaller(createInnerContext(stopping, owner)).bulkActions.create({
      action: 'send_portal_link',
      dry_run: false,
      participant_ids: [c.ana.id, c.lin.id],
    });
    await stopping.bulkRunner.idle();
    expect(await t.api.bulkActions.byId({ id: started.id! })).toMatchObject({ status: 'running', processed: 0 });

    const next = await anotherProcess(t, { mail });
    expect(await resumeBulkActions(next)).toBe(1);
    await next.bulkRunner.idle();
    expect(await t.api.bulkActions.byId({ id: started.id! })).toMatchObject({ status: 'completed', processed: 2 });
    // A second start finds nothing running: no message is written twice.
    expect(await resumeBulkActions(next)).toBe(0);
    const outbox = (await t.api.mail.list({})).items;
    expect(outbox.map((m) => m.to).sort()).toEqual([c.ana.email, c.lin.email].sort());
    expect(outbox.every((m) => m.status === 'queued')).toBe(true);
  });

  test('another workspace’s people are not found; sending in bulk needs the scope to send one', async () => {
    const { t } = await kit();
    const c = await cohort(t);
    await expectTRPCError(
      t.other.bulkActions.create({ action: 'send_portal_link', dry_run: true, participant_ids: [c.ana.id] }),
      'NOT_FOUND',
      { issuePath: ['participant_ids', 0] },
    );
    await expectTRPCError(
      t.other.bulkActions.create({ action: 'send_portal_link', dry_run: false, participant_ids: [c.ana.id] }),
      'NOT_FOUND',
    );
    expect((await t.api.mail.list({})).items).toEqual([]);

    const keyCaller = (scopes: ('participants.write' | 'portal_links.write')[]) =>
      createCaller(createInnerContext(t.deps, { kind: 'api_key', keyId: 'k', workspaceId: t.workspaceId, scopes }, {}));
    const send = { action: 'send_portal_link' as const, dry_run: true, participant_ids: [c.ana.id] };
    await expectTRPCError(keyCaller(['participants.write']).bulkActions.create(send), 'FORBIDDEN', {
      message: /portal_links.write/,
    });
    expect((await keyCaller(['participants.write', 'portal_links.write']).bulkActions.create(send)).counts).toEqual({
      pending: 0,
      applied: 1,
      unchanged: 0,
      refused: 0,
    });
    await expectTRPCError(
      t.api.bulkActions.create({ action: 'send_portal_link', dry_run: true, participant_ids: [c.ana.id], note: 'hi' }),
      'BAD_REQUEST',
      { issuePath: ['note'] },
    );
  });
});
