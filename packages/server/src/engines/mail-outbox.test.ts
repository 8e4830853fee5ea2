import { type NewMail, schema, writeTx } from '@stageflow/db';
import {
  closePgDb,
  createPgDb,
  createPgMailReads,
  createPgMailWrites,
  type PgDb,
  pgSchema,
} from '@stageflow/db/postgres';
import type { MailSettlement } from '@stageflow/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable, rowsOnBoth } from '../testing-engines.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:01:00.000Z';
const T2 = '2026-06-01T10:03:00.000Z';
const T3 = '2026-06-01T10:05:00.000Z';

describe.skipIf(unavailable)('the mail outbox on PostgreSQL answers and stores as on SQLite', () => {
  let both: BothEngines;
  let ws: string;
  /** A second pool on the same database: another server process. */
  let otherProcess: PgDb;
  const pg = () => createPgMailReads(both.pg);

  const message = (n: number, over: Partial<NewMail> = {}): NewMail => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    workspace_id: ws,
    kind: n % 2 === 0 ? 'portal_link' : 'review_digest',
    to_address: `r${n}@example.com`,
    to_name: n % 3 === 0 ? null : `Reader ${n}`,
    language: 'en',
    subject: `Message ${n}`,
    text_body: `Open https://stageflow.example/p/sfp_${'x'.repeat(24)}${n} to continue`,
    html_body: `<p><a href="https://stageflow.example/p/sfp_${'x'.repeat(24)}${n}">Continue</a></p>`,
    status: 'queued',
    // Two messages share each millisecond, so a page's cursor must order by id too.
    created_at: `2026-06-01T09:${String(10 + Math.floor(n / 2)).padStart(2, '0')}:00.000Z`,
    created_by: 'system',
    ...over,
  });

  async function onBoth<T>(
    sqlite: (tx: Parameters<Parameters<typeof writeTx>[1]>[0]) => T,
    onPg: (w: ReturnType<typeof createPgMailWrites>) => Promise<T>,
  ): Promise<{ sqlite: T; pg: T }> {
    const onSqlite = writeTx(both.sqliteDb, sqlite);
    return { sqlite: onSqlite, pg: await both.pg.transaction((tx) => onPg(createPgMailWrites(tx))) };
  }
  const expectSameRows = async (table: Parameters<typeof rowsOnBoth>[2]) => {
    const rows = await rowsOnBoth(both.sqliteDb, both.pg, table);
    expect(rows.sqlite.length).toBeGreaterThan(0);
    expect(rows.pg, table).toEqual(rows.sqlite);
  };

  beforeAll(async () => {
    both = await demoOnBothEngines();
    ws = both.workspaceId;
    otherProcess = createPgDb(both.pg.$client.options.connectionString!);
    // People to tell: an owner, an admin, a reviewer and a viewer of the demo workspace, the same on both.
    const people = ['owner', 'admin', 'reviewer', 'viewer'].map((role, i) => ({ role, i }));
    const users = people.map(({ role, i }) => ({
      id: `user-${role}`,
      name: `The ${role}`,
      email: `${String.fromCharCode(100 - i)}-${role}@example.com`,
      emailVerified: true,
      image: null,
      createdAt: new Date(T0),
      updatedAt: new Date(T0),
    }));
    const members = people.map(({ role }) => ({
      id: `member-${role}`,
      organizationId: ws,
      userId: `user-${role}`,
      role,
      createdAt: new Date(T0),
    }));
    both.sqliteDb.insert(schema.users).values(users).run();
    both.sqliteDb.insert(schema.members).values(members).run();
    await both.pg.insert(pgSchema.users).values(users);
    await both.pg.insert(pgSchema.members).values(members);
  }, 60_000);
  afterAll(async () => {
    if (otherProcess) await closePgDb(otherProcess);
    await both?.stop();
  });

  test('insert writes the same rows, skipping a key the workspace already has', async () => {
    const batch = [
      ...Array.from({ length: 9 }, (_, i) => message(i + 1)),
      message(10, { status: 'not_sent' }),
      message(11, { dedupe_key: 'digest:2026-06-01:user-admin', participant_id: null }),
      message(12, { dedupe_key: 'digest:2026-06-01:user-admin' }),
      message(13, { workspace_id: both.otherWorkspaceId }),
    ];
    const written = await onBoth(
      (tx) => both.repos.mail.insert(tx, batch),
      (w) => w.insert(batch),
    );
    expect(written).toEqual({ sqlite: 12, pg: 12 });
    // Again: every id is there already.
    expect(
      await onBoth(
        (tx) => both.repos.mail.insert(tx, batch.slice(0, 2)),
        (w) => w.insert(batch.slice(0, 2)),
      ),
    ).toEqual({ sqlite: 0, pg: 0 });
    await expectSameRows('mailOutbox');
  });

  test('the outbox reads alike: pages with their cursor, filters, one message, keys; nothing of another workspace', async () => {
    const sqlite = both.repos.mail;
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = sqlite.list(ws, { limit: 4, cursor });
      expect(page.items.length).toBeGreaterThan(0);
      expect(await pg().list(ws, { limit: 4, cursor })).toEqual(page);
      cursor = page.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    for (const f of [{ status: 'not_sent' as const }, { kind: 'portal_link' as const }]) {
      const page = sqlite.list(ws, { ...f, limit: 20 });
      expect(page.items.length).toBeGreaterThan(0);
      expect(await pg().list(ws, { ...f, limit: 20 })).toEqual(page);
    }
    const id = message(3).id;
    expect(sqlite.byId(ws, id)).toBeDefined();
    expect(await pg().byId(ws, id)).toEqual(sqlite.byId(ws, id));
    expect(await pg().hasKey(ws, 'digest:2026-06-01:user-admin')).toBe(true);
    expect(await pg().hasKey(ws, 'digest:2026-06-02:user-admin')).toBe(false);
    expect(await pg().byId(both.otherWorkspaceId, id)).toBeUndefined();
    expect(await pg().hasKey(both.otherWorkspaceId, 'digest:2026-06-01:user-admin')).toBe(false);
    expect((await pg().list(both.otherWorkspaceId, { limit: 20 })).items.map((m) => m.id)).toEqual([message(13).id]);
  });

  test('review digest settings, recipients, admins and open decisions read alike', async () => {
    for (const [user, on] of [
      ['user-admin', true],
      ['user-reviewer', true],
      ['user-viewer', true],
      ['user-owner', false],
    ] as const) {
      await onBoth(
        (tx) => both.repos.mail.setReviewDigest(tx, ws, user, on, T0),
        (w) => w.setReviewDigest(ws, user, on, T0),
      );
    }
    // And changed: the upsert.
    await onBoth(
      (tx) => both.repos.mail.setReviewDigest(tx, ws, 'user-owner', true, T1),
      (w) => w.setReviewDigest(ws, 'user-owner', true, T1),
    );
    await expectSameRows('mailPreferences');
    const sqlite = both.repos.mail;
    expect(await pg().reviewDigest(ws, 'user-owner')).toBe(true);
    expect(await pg().reviewDigest(both.otherWorkspaceId, 'user-owner')).toBe(false);
    // The viewer does not decide: three of four.
    expect(sqlite.digestRecipients()).toHaveLength(3);
    expect(await pg().digestRecipients()).toEqual(sqlite.digestRecipients());
    expect(sqlite.workspaceAdmins(ws)).toHaveLength(2);
    expect(await pg().workspaceAdmins(ws)).toEqual(sqlite.workspaceAdmins(ws));
    expect(await pg().workspaceAdmins(both.otherWorkspaceId)).toEqual([]);
    const open = sqlite.openDecisions(ws, 3);
    expect(open.items).toHaveLength(3);
    expect(open.total).toBeGreaterThan(3);
    expect(await pg().openDecisions(ws, 3)).toEqual(open);
    expect(await pg().openDecisions(both.otherWorkspaceId, 3)).toEqual({ items: [], total: 0 });
  });

  test('a claim and its settlements leave the same rows as on SQLite', async () => {
    const lease = { owner: 'worker-a', now: T0, until: T1 };
    const claimed = await onBoth(
      (tx) => both.repos.mail.claim(tx, lease, 3),
      (w) => w.claim(lease, 3),
    );
    expect(claimed.sqlite).toHaveLength(3);
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(claimed.pg)).toEqual(byId(claimed.sqlite));
    const [sent, retried] = claimed.sqlite;
    const ok: MailSettlement = {
      status: 'sent',
      attempts: 1,
      next_attempt_at: null,
      last_error: null,
      sent_at: T0,
      smtp_message_id: '<1@smtp>',
    };
    const again: MailSettlement = { ...ok, status: 'queued', next_attempt_at: T2, sent_at: null, last_error: 'busy' };
    expect(
      await onBoth(
        (tx) => both.repos.mail.settle(tx, sent!.id, 'worker-a', ok),
        (w) => w.settle(sent!.id, 'worker-a', ok),
      ),
    ).toEqual({ sqlite: true, pg: true });
    expect(
      await onBoth(
        (tx) => both.repos.mail.settle(tx, retried!.id, 'worker-a', again),
        (w) => w.settle(retried!.id, 'worker-a', again),
      ),
    ).toEqual({ sqlite: true, pg: true });
    // Not its lease: nothing.
    expect(
      await onBoth(
        (tx) => both.repos.mail.settle(tx, claimed.sqlite[2]!.id, 'worker-b', ok),
        (w) => w.settle(claimed.sqlite[2]!.id, 'worker-b', ok),
      ),
    ).toEqual({ sqlite: false, pg: false });
    await expectSameRows('mailOutbox');
    // The sent one left: its link is gone from the stored text, on both.
    expect((await pg().byId(ws, sent!.id))?.text).not.toContain('sfp_xxx');
    expect((await pg().byId(ws, retried!.id))?.text).toContain('sfp_xxx');
  });

  describe('leases on PostgreSQL', () => {
    const claimOn = (db: PgDb, owner: string, now: string, until: string, limit: number) =>
      db.transaction((tx) => createPgMailWrites(tx).claim({ owner, now, until }, limit));

    test('two processes claiming at once never take the same row', async () => {
      // Each claim holds its transaction open a moment after claiming, so the two overlap for sure.
      const slowClaim = (db: PgDb, owner: string) =>
        db.transaction(async (tx) => {
          const got = await createPgMailWrites(tx).claim({ owner, now: T1, until: T2 }, 4);
          await new Promise((resolve) => setTimeout(resolve, 150));
          return got;
        });
      const [a, b] = await Promise.all([slowClaim(both.pg, 'process-a'), slowClaim(otherProcess, 'process-b')]);
      const ids = [...a, ...b].map((m) => m.id);
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      const owners = await both.pg
        .select({ id: pgSchema.mailOutbox.id, owner: pgSchema.mailOutbox.lease_owner })
        .from(pgSchema.mailOutbox);
      for (const m of a) expect(owners.find((o) => o.id === m.id)?.owner).toBe('process-a');
      for (const m of b) expect(owners.find((o) => o.id === m.id)?.owner).toBe('process-b');
    });

    test('many claims at once: every due message is taken exactly once', async () => {
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) => claimOn(i % 2 ? otherProcess : both.pg, `racer-${i}`, T2, T3, 2)),
      );
      const ids = claims.flat().map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    test('a lease that ran out is claimable again, and the late holder settles nothing', async () => {
      const ok: MailSettlement = {
        status: 'sent',
        attempts: 1,
        next_attempt_at: null,
        last_error: null,
        sent_at: T1,
        smtp_message_id: '<late@smtp>',
      };
      // Everything due is leased until T2 or T3 now; nothing is free before the leases end.
      expect(await claimOn(both.pg, 'late-comer', T1, T2, 50)).toEqual([]);
      const later = '2026-06-01T11:00:00.000Z';
      const retaken = await claimOn(otherProcess, 'process-c', later, '2026-06-01T11:01:00.000Z', 50);
      expect(retaken.length).toBeGreaterThan(0);
      const id = retaken[0]!.id;
      const [before] = await both.pg.select().from(pgSchema.mailOutbox).where(eqId(id));
      // Whoever held it before (process-a, process-b or a racer) has lost it.
      for (const owner of ['process-a', 'process-b', 'racer-0', 'racer-1', 'worker-a']) {
        expect(await both.pg.transaction((tx) => createPgMailWrites(tx).settle(id, owner, ok))).toBe(false);
      }
      const [after] = await both.pg.select().from(pgSchema.mailOutbox).where(eqId(id));
      expect(after).toEqual(before);
      expect(after?.lease_owner).toBe('process-c');
      expect(await both.pg.transaction((tx) => createPgMailWrites(tx).settle(id, 'process-c', ok))).toBe(true);
    });
  });
});

const eqId = (id: string) => eq(pgSchema.mailOutbox.id, id);
