import { schema, writeTx } from '@stageflow/db';
import {
  createPgPortalLinkReads,
  createPgPortalLinkWrites,
  createPgPortalNoticeReads,
  createPgPortalNoticeWrites,
  createPgSelfIdentificationReads,
  createPgSelfIdentificationWrites,
  type PgExec,
} from '@stageflow/db/postgres';
import type { PortalLinkEvent, SelfIdentificationEvent } from '@stageflow/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable, rowsOnBoth } from '../testing-engines.ts';
import { arrangeSmallGroups, fromAnotherConnection, linkCreated, SMALL } from './arrange-small-groups.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable)(
  'portal links, the AI notice and self-identification on PostgreSQL answer as on SQLite',
  () => {
    let both: BothEngines;
    let participantIds: string[];
    let selfIdentified: string[];
    let pg: {
      portalLinks: ReturnType<typeof createPgPortalLinkReads>;
      portalNotice: ReturnType<typeof createPgPortalNoticeReads>;
      selfIdentification: ReturnType<typeof createPgSelfIdentificationReads>;
    };
    const expectSameRows = async (table: 'portalLinks' | 'events' | 'portalNoticeSettings' | 'selfIdentifications') => {
      const { sqlite, pg: onPg } = await rowsOnBoth(both.sqliteDb, both.pg, table);
      expect(sqlite.length).toBeGreaterThan(0);
      expect(onPg).toEqual(sqlite);
    };

    beforeAll(async () => {
      both = await demoOnBothEngines((sqlite) => {
        participantIds = arrangeSmallGroups(sqlite).participantIds;
      });
      selfIdentified = both.sqliteDb
        .select({ id: schema.selfIdentifications.participant_id })
        .from(schema.selfIdentifications)
        .where(eq(schema.selfIdentifications.workspace_id, both.workspaceId))
        .all()
        .map((r) => r.id);
      pg = {
        portalLinks: createPgPortalLinkReads(both.pg),
        portalNotice: createPgPortalNoticeReads(both.pg),
        selfIdentification: createPgSelfIdentificationReads(both.pg),
      };
    }, 60_000);
    afterAll(() => both?.stop());

    const expectSameLinks = async () => {
      const { portalLinks } = both.repos;
      for (const id of participantIds) {
        for (const ws of [both.workspaceId, both.otherWorkspaceId]) {
          expect(await pg.portalLinks.latest(ws, id)).toEqual(portalLinks.latest(ws, id));
          expect(await pg.portalLinks.participant(ws, id)).toEqual(portalLinks.participant(ws, id));
        }
      }
      for (const id of ['l-z', 'l-a', 'l-old', 'l-new', 'missing']) {
        expect(await pg.portalLinks.byId(both.workspaceId, id)).toEqual(portalLinks.byId(both.workspaceId, id));
        expect(await pg.portalLinks.byId(both.otherWorkspaceId, id)).toBeUndefined();
        expect(await pg.portalLinks.byHash(`token-${id}`)).toEqual(portalLinks.byHash(`token-${id}`));
      }
    };

    test('the newest link (of two made in the same millisecond, the later), by id, by hash, and its participant', async () => {
      const { portalLinks } = both.repos;
      const [first, second, third] = participantIds as [string, string, string];
      expect(portalLinks.latest(both.workspaceId, first)?.id).toBe('l-a');
      expect(portalLinks.latest(both.workspaceId, second)?.last_opened_at).toBe(SMALL.at(70));
      expect(portalLinks.latest(both.workspaceId, third)).toBeUndefined();
      expect(portalLinks.participant(both.workspaceId, first)?.template_name).toBeTruthy();
      expect(portalLinks.byHash('token-l-z')?.revoked_at).toBe(SMALL.at(90));
      await expectSameLinks();
      expect(await pg.portalLinks.participant(both.otherWorkspaceId, first)).toBeUndefined();
    });

    test('a rotation in the same millisecond, an opening and their events leave the same rows, numbered alike', async () => {
      const [first, second] = participantIds as [string, string];
      const template = both.repos.portalLinks.participant(both.workspaceId, first)!;
      const link = {
        id: 'l-new',
        workspace_id: both.workspaceId,
        participant_id: first,
        token_hash: 'token-l-new',
        created_at: SMALL.at(90),
        created_by: 'api_key:k-a',
        expires_at: SMALL.at(-600),
        revoked_at: null,
        last_opened_at: null,
      };
      const revoked: PortalLinkEvent = {
        type: 'portal_link_revoked',
        participant_id: first,
        actor: 'api_key:k-a',
        occurred_at: SMALL.at(90),
        data: { link_id: 'l-a', cause: 'rotated' },
        bulk_action_id: 'bulk-1',
      };
      const opened: PortalLinkEvent = {
        type: 'portal_link_opened',
        participant_id: second,
        actor: `participant:${second}`,
        occurred_at: SMALL.at(1),
        data: { link_id: 'l-old' },
      };
      const recorded: SelfIdentificationEvent = {
        type: 'self_identification_recorded',
        participant_id: second,
        actor: `participant:${second}`,
        occurred_at: SMALL.at(1),
        data: { first: true },
      };
      const created = linkCreated(first, 'l-new', SMALL.at(90));
      writeTx(both.sqliteDb, (tx) => {
        const { portalLinks } = both.repos;
        portalLinks.revoke(tx, both.workspaceId, 'l-a', SMALL.at(90));
        portalLinks.insert(tx, link);
        portalLinks.appendEvents(tx, template, [revoked, created]);
        portalLinks.markOpened(tx, both.workspaceId, 'l-old', SMALL.at(1));
        portalLinks.markOpened(tx, both.otherWorkspaceId, 'l-a', SMALL.at(1));
        portalLinks.revoke(tx, both.otherWorkspaceId, 'l-old', SMALL.at(1));
        portalLinks.appendEvents(tx, template, [opened, recorded]);
        portalLinks.appendEvents(tx, template, []);
      });
      await both.pg.transaction(async (tx) => {
        const portalLinks = createPgPortalLinkWrites(tx);
        await portalLinks.revoke(both.workspaceId, 'l-a', SMALL.at(90));
        await portalLinks.insert(link);
        await portalLinks.appendEvents(template, [revoked, created]);
        await portalLinks.markOpened(both.workspaceId, 'l-old', SMALL.at(1));
        await portalLinks.markOpened(both.otherWorkspaceId, 'l-a', SMALL.at(1));
        await portalLinks.revoke(both.otherWorkspaceId, 'l-old', SMALL.at(1));
        await portalLinks.appendEvents(template, [opened, recorded]);
        await portalLinks.appendEvents(template, []);
      });
      await expectSameRows('portalLinks');
      await expectSameRows('events');
      expect(both.repos.portalLinks.latest(both.workspaceId, first)?.id).toBe('l-new');
      await expectSameLinks();
    });

    test('in a write unit the participant is locked before their links, also when found by a hash', async () => {
      const [first, second] = participantIds as [string, string];
      const inOther = (read: (reads: ReturnType<typeof createPgPortalLinkReads>) => Promise<unknown>, inWrite = true) =>
        fromAnotherConnection(both.pg, (other: PgExec) => read(createPgPortalLinkReads(other, { inWrite })));
      await both.pg.transaction(async (tx) => {
        expect(await createPgPortalLinkReads(tx, { inWrite: true }).byHash('token-l-new')).toMatchObject({
          participant_id: first,
        });
        expect(await inOther((r) => r.participant(both.workspaceId, first))).toBe('waits for a lock');
        expect(await inOther((r) => r.latest(both.workspaceId, first))).toBe('waits for a lock');
        expect(await inOther((r) => r.latest(both.workspaceId, first), false)).toMatchObject({ id: 'l-new' });
        expect(await inOther((r) => r.participant(both.workspaceId, second))).toMatchObject({ id: second });
      });
      await both.pg.transaction(async (tx) => {
        const reads = createPgPortalLinkReads(tx, { inWrite: true });
        await reads.participant(both.workspaceId, second);
        await reads.latest(both.workspaceId, second);
        expect(await inOther((r) => r.byHash('token-l-old'))).toBe('waits for a lock');
        expect(await inOther((r) => r.byHash('token-l-new'))).toMatchObject({ id: 'l-new' });
      });
    });

    test('the notice as saved, the defaults for another workspace; saved again alike; locked in a write unit', async () => {
      const { portalNotice } = both.repos;
      expect(portalNotice.get(both.workspaceId).organization).toBe('Demo Org');
      for (const ws of [both.workspaceId, both.otherWorkspaceId]) {
        expect(await pg.portalNotice.get(ws)).toEqual(portalNotice.get(ws));
      }
      const saved = {
        organization: null,
        contact: 'help@example.test',
        transcript_retention_days: null,
        updated_at: SMALL.at(1),
        updated_by: 'user:u-admin',
      };
      writeTx(both.sqliteDb, (tx) => {
        portalNotice.save(tx, both.workspaceId, saved);
        portalNotice.save(tx, both.otherWorkspaceId, { ...saved, organization: 'Other' });
      });
      await both.pg.transaction(async (tx) => {
        const writes = createPgPortalNoticeWrites(tx);
        await writes.save(both.workspaceId, saved);
        await writes.save(both.otherWorkspaceId, { ...saved, organization: 'Other' });
      });
      await expectSameRows('portalNoticeSettings');
      for (const ws of [both.workspaceId, both.otherWorkspaceId, SMALL.thirdWorkspace.id]) {
        expect(await pg.portalNotice.get(ws)).toEqual(portalNotice.get(ws));
      }
      await both.pg.transaction(async (tx) => {
        await createPgPortalNoticeReads(tx, { inWrite: true }).get(both.workspaceId);
        const get = (inWrite: boolean) => (other: PgExec) =>
          createPgPortalNoticeReads(other, { inWrite }).get(both.workspaceId);
        expect(await fromAnotherConnection(both.pg, get(true))).toBe('waits for a lock');
        expect(await fromAnotherConnection(both.pg, get(false))).toMatchObject({ contact: 'help@example.test' });
      });
    });

    test('self-identification by participant, none in another workspace; replaced and added alike', async () => {
      const { selfIdentification } = both.repos;
      expect(selfIdentified.length).toBeGreaterThan(3);
      const without = participantIds.find((id) => !selfIdentified.includes(id)) ?? 'missing';
      for (const id of [...selfIdentified, without]) {
        expect(await pg.selfIdentification.byParticipant(both.workspaceId, id)).toEqual(
          selfIdentification.byParticipant(both.workspaceId, id),
        );
        expect(await pg.selfIdentification.byParticipant(both.otherWorkspaceId, id)).toBeUndefined();
      }
      const before = selfIdentification.byParticipant(both.workspaceId, selfIdentified[0]!)!;
      const replaced = { ...before, recorded_at: SMALL.at(1), recorded_by: 'user:u-owner' };
      const fresh = { ...before, participant_id: without, recorded_at: SMALL.at(1) };
      writeTx(both.sqliteDb, (tx) => {
        selfIdentification.save(tx, both.workspaceId, replaced);
        if (without !== 'missing') selfIdentification.save(tx, both.workspaceId, fresh);
      });
      await both.pg.transaction(async (tx) => {
        const writes = createPgSelfIdentificationWrites(tx);
        await writes.save(both.workspaceId, replaced);
        if (without !== 'missing') await writes.save(both.workspaceId, fresh);
      });
      await expectSameRows('selfIdentifications');
      expect(await pg.selfIdentification.byParticipant(both.workspaceId, selfIdentified[0]!)).toEqual(replaced);
      await both.pg.transaction(async (tx) => {
        await createPgSelfIdentificationReads(tx, { inWrite: true }).byParticipant(
          both.workspaceId,
          selfIdentified[0]!,
        );
        expect(
          await fromAnotherConnection(both.pg, (other) =>
            createPgSelfIdentificationReads(other, { inWrite: true }).byParticipant(
              both.workspaceId,
              selfIdentified[0]!,
            ),
          ),
        ).toBe('waits for a lock');
      });
    });
  },
);
