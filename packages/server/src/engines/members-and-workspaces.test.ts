import { writeTx } from '@stageflow/db';
import {
  createPgInstanceReads,
  createPgMemberGrantReads,
  createPgMemberGrantWrites,
  createPgMemberReads,
  createPgWorkspaceReads,
  type PgExec,
} from '@stageflow/db/postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable, rowsOnBoth } from '../testing-engines.ts';
import { arrangeSmallGroups, fromAnotherConnection, SMALL } from './arrange-small-groups.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable)('instance, workspaces, members and grants on PostgreSQL answer as on SQLite', () => {
  let both: BothEngines;
  let pg: {
    instance: ReturnType<typeof createPgInstanceReads>;
    workspaces: ReturnType<typeof createPgWorkspaceReads>;
    members: ReturnType<typeof createPgMemberReads>;
    memberGrants: ReturnType<typeof createPgMemberGrantReads>;
  };

  beforeAll(async () => {
    both = await demoOnBothEngines(arrangeSmallGroups);
    pg = {
      instance: createPgInstanceReads(both.pg),
      workspaces: createPgWorkspaceReads(both.pg),
      members: createPgMemberReads(both.pg),
      memberGrants: createPgMemberGrantReads(both.pg),
    };
  }, 60_000);
  afterAll(() => both?.stop());

  test('the instance: not new, its markers', async () => {
    const { instance } = both.repos;
    expect(instance.isNew()).toBe(false);
    expect(await pg.instance.isNew()).toBe(false);
    expect(instance.marker('small-groups')).toBeDefined();
    for (const key of ['small-groups', 'none']) expect(await pg.instance.marker(key)).toEqual(instance.marker(key));
  });

  test('workspaces by slug and id, and those without an owner (the other one, not the demo)', async () => {
    const { workspaces } = both.repos;
    for (const slug of ['demo', 'other', 'archive', 'missing']) {
      expect(await pg.workspaces.bySlug(slug)).toEqual(workspaces.bySlug(slug));
    }
    for (const id of [both.workspaceId, both.otherWorkspaceId, 'missing']) {
      expect(await pg.workspaces.byId(id)).toEqual(workspaces.byId(id));
    }
    expect(workspaces.bySlug('demo')?.createdAt).toBeInstanceOf(Date);
    const without = workspaces.withoutOwner();
    expect(without.map((w) => w.slug)).toEqual(['other']);
    expect(await pg.workspaces.withoutOwner()).toEqual(without);
  });

  test('members: roles, workspaces of a user by name and by joining, accounts, owners, the list', async () => {
    const { members } = both.repos;
    for (const user of [...SMALL.users.map((u) => u.id), 'missing']) {
      for (const ws of [both.workspaceId, both.otherWorkspaceId]) {
        expect(await pg.members.roleOf(ws, user)).toEqual(members.roleOf(ws, user));
      }
      for (const order of ['name', 'joined'] as const) {
        expect(await pg.members.workspacesOf(user, order)).toEqual(members.workspacesOf(user, order));
      }
      expect(await pg.members.user(user)).toEqual(members.user(user));
    }
    expect(members.roleOf(both.workspaceId, 'u-rev')).toBe('reviewer');
    // Byte order: the lower-case name sorts after the capitalised one, as SQLite sorts.
    expect(members.workspacesOf('u-rev').map((w) => w.name)).toEqual(['Demo workspace', 'archive studio']);
    expect(members.workspacesOf('u-rev', 'joined').map((w) => w.name)).toEqual(['Demo workspace', 'archive studio']);
    for (const email of ['  RITA@example.test ', 'nobody@example.test']) {
      expect(await pg.members.userByEmail(email)).toEqual(members.userByEmail(email));
    }
    expect(members.userByEmail(' RITA@example.test')?.id).toBe('u-rev');
    for (const ws of [both.workspaceId, both.otherWorkspaceId, SMALL.thirdWorkspace.id]) {
      expect(await pg.members.ownerCount(ws)).toEqual(members.ownerCount(ws));
      expect(await pg.members.list(ws)).toEqual(members.list(ws));
      expect(await pg.members.pendingInvitations(ws)).toEqual(members.pendingInvitations(ws));
    }
    expect(members.list(both.workspaceId).map((m) => m.name)).toEqual([
      'Olivia Owner',
      'Rita Reviewer',
      'Victor Viewer',
      'adam admin',
      'Émile Reviewer',
    ]);
    expect(members.list(both.workspaceId)[0]?.joined_at).toBeInstanceOf(Date);
    expect(members.pendingInvitations(both.workspaceId).map((i) => i.id)).toEqual(['inv-1', 'inv-2']);
    expect(await pg.members.list(both.otherWorkspaceId)).toEqual([]);
    expect(await pg.members.pendingInvitations(both.otherWorkspaceId)).toEqual([]);
    for (const id of ['inv-1', 'inv-3', 'missing']) {
      expect(await pg.members.invitation(id)).toEqual(members.invitation(id));
    }
    expect(members.invitation('inv-3')?.status).toBe('accepted');
  });

  test('grants: a member scopes, and the members of a role with their grant of a scope', async () => {
    const { memberGrants } = both.repos;
    expect(memberGrants.scopesOf(both.workspaceId, 'u-rev')).toHaveLength(2);
    for (const user of ['u-rev', 'u-rev2', 'missing']) {
      for (const ws of [both.workspaceId, both.otherWorkspaceId]) {
        expect(await pg.memberGrants.scopesOf(ws, user)).toEqual(memberGrants.scopesOf(ws, user));
      }
    }
    for (const [role, scope] of [
      ['reviewer', 'decisions.write'],
      ['reviewer', 'participants.write'],
      ['viewer', 'decisions.write'],
      ['owner', 'none'],
    ] as const) {
      const onSqlite = memberGrants.membersWithGrant(both.workspaceId, role, scope);
      expect(onSqlite.length).toBeGreaterThan(0);
      expect(await pg.memberGrants.membersWithGrant(both.workspaceId, role, scope)).toEqual(onSqlite);
      expect(await pg.memberGrants.membersWithGrant(both.otherWorkspaceId, role, scope)).toEqual([]);
    }
    expect(memberGrants.membersWithGrant(both.workspaceId, 'reviewer', 'decisions.write')[0]?.granted_by).toBe(
      'user:u-owner',
    );
  });

  test('single-statement writes: a marker, a workspace, a member added and a role changed leave the same rows', async () => {
    const { repos } = both;
    repos.instance.mark('second', { n: 2 }, SMALL.at(5));
    await pg.instance.mark('second', { n: 2 }, SMALL.at(5));
    expect(() => repos.instance.mark('second', { n: 3 }, SMALL.at(4))).toThrow();
    await expect(pg.instance.mark('second', { n: 3 }, SMALL.at(4))).rejects.toThrow();
    const made = new Date(Date.parse(SMALL.at(3)));
    const workspace = { id: 'ws-new', slug: 'new', name: 'New', createdAt: made };
    expect(await pg.workspaces.insert(workspace)).toEqual(repos.workspaces.insert(workspace));
    const member = { id: 'm-new', workspaceId: 'ws-new', userId: 'u-none', role: 'viewer', createdAt: made };
    repos.members.add(member);
    await pg.members.add(member);
    expect(repos.members.setRole('ws-new', 'u-none', 'owner')).toBe(true);
    expect(await pg.members.setRole('ws-new', 'u-none', 'owner')).toBe(true);
    expect(repos.members.setRole(both.otherWorkspaceId, 'u-none', 'owner')).toBe(false);
    expect(await pg.members.setRole(both.otherWorkspaceId, 'u-none', 'owner')).toBe(false);
    for (const table of ['instanceMarkers', 'workspaces', 'members'] as const) {
      const { sqlite, pg: onPg } = await rowsOnBoth(both.sqliteDb, both.pg, table);
      expect(onPg).toEqual(sqlite);
    }
  });

  test('grant writes: a grant (twice), a revocation and their events leave the same rows, numbered alike', async () => {
    const { repos } = both;
    const grant = {
      workspace_id: both.workspaceId,
      user_id: 'u-rev2',
      scope: 'decisions.write',
      granted_at: SMALL.at(2),
      granted_by: 'user:u-owner',
    };
    const events = [
      { type: 'member_scope_granted', actor: 'user:u-owner', occurred_at: SMALL.at(2), data: { user_id: 'u-rev2' } },
      { type: 'member_scope_revoked', actor: 'user:u-owner', occurred_at: SMALL.at(1), data: { user_id: 'u-rev' } },
    ];
    writeTx(both.sqliteDb, (tx) => {
      repos.memberGrants.grant(tx, grant);
      repos.memberGrants.grant(tx, { ...grant, granted_at: SMALL.at(1) });
      repos.memberGrants.revoke(tx, both.workspaceId, 'u-rev', 'participants.write');
      repos.memberGrants.appendEvents(tx, both.workspaceId, events);
      repos.memberGrants.appendEvents(tx, both.workspaceId, []);
    });
    await both.pg.transaction(async (tx) => {
      const writes = createPgMemberGrantWrites(tx);
      await writes.grant(grant);
      await writes.grant({ ...grant, granted_at: SMALL.at(1) });
      await writes.revoke(both.workspaceId, 'u-rev', 'participants.write');
      await writes.appendEvents(both.workspaceId, events);
      await writes.appendEvents(both.workspaceId, []);
    });
    for (const table of ['memberGrants', 'events'] as const) {
      const { sqlite, pg: onPg } = await rowsOnBoth(both.sqliteDb, both.pg, table);
      expect(onPg).toEqual(sqlite);
    }
    expect(await pg.memberGrants.scopesOf(both.workspaceId, 'u-rev')).toEqual(['decisions.write']);
  });

  test('in a write unit the membership and its grants are locked; a plain read waits for nothing', async () => {
    await both.pg.transaction(async (tx) => {
      expect(await createPgMemberReads(tx, { inWrite: true }).roleOf(both.workspaceId, 'u-rev')).toBe('reviewer');
      expect(await createPgMemberGrantReads(tx, { inWrite: true }).scopesOf(both.workspaceId, 'u-rev')).toEqual([
        'decisions.write',
      ]);
      const roleOf = (exec: PgExec, inWrite: boolean) =>
        createPgMemberReads(exec, { inWrite }).roleOf(both.workspaceId, 'u-rev');
      expect(await fromAnotherConnection(both.pg, (other) => roleOf(other, false))).toBe('reviewer');
      expect(await fromAnotherConnection(both.pg, (other) => roleOf(other, true))).toBe('waits for a lock');
      expect(
        await fromAnotherConnection(both.pg, (other) =>
          createPgMemberGrantReads(other, { inWrite: true }).scopesOf(both.workspaceId, 'u-rev'),
        ),
      ).toBe('waits for a lock');
      // Another member's row is not held.
      expect(
        await fromAnotherConnection(both.pg, (other) =>
          createPgMemberReads(other, { inWrite: true }).roleOf(both.workspaceId, 'u-rev2'),
        ),
      ).toBe('reviewer');
    });
  });

  test("in a write unit the owners' memberships are locked as they are counted; a plain count waits for nothing", async () => {
    const owners = both.repos.members.list(both.workspaceId).filter((m) => m.role === 'owner');
    const ownerCount = both.repos.members.ownerCount(both.workspaceId);
    expect(owners).toHaveLength(ownerCount);
    await both.pg.transaction(async (tx) => {
      expect(await createPgMemberReads(tx, { inWrite: true }).ownerCount(both.workspaceId)).toBe(ownerCount);
      expect(
        await fromAnotherConnection(both.pg, (other) => createPgMemberReads(other).ownerCount(both.workspaceId)),
      ).toBe(ownerCount);
      for (const owner of owners) {
        expect(
          await fromAnotherConnection(both.pg, (other) =>
            createPgMemberReads(other, { inWrite: true }).roleOf(both.workspaceId, owner.user_id),
          ),
        ).toBe('waits for a lock');
      }
      // A member who is not an owner is not held.
      expect(
        await fromAnotherConnection(both.pg, (other) =>
          createPgMemberReads(other, { inWrite: true }).roleOf(both.workspaceId, 'u-rev'),
        ),
      ).toBe('reviewer');
    });
  });
});
