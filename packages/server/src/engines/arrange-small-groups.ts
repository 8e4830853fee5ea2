import { type Db, type Repositories, schema, writeTx } from '@stageflow/db';
import type { PgDb, PgExec } from '@stageflow/db/postgres';
import type { PortalLinkEvent } from '@stageflow/domain';
import { NOW } from '@stageflow/testing';
import { eq, sql } from 'drizzle-orm';

/**
 * Rows the demo leaves empty, written on SQLite before the copy (`demoOnBothEngines(arrangeSmallGroups)`) so
 * the PostgreSQL reads of the smaller repositories have something to agree on: accounts and members (names that
 * sort differently by case), invitations, a grant, API keys (two made in the same millisecond), portal links
 * (a rotation in the same millisecond), the AI notice, an interviewer model, answers and a submission, a marker.
 */
export const SMALL = {
  users: [
    { id: 'u-owner', name: 'Olivia Owner', email: 'olivia@example.test' },
    { id: 'u-admin', name: 'adam admin', email: 'adam@example.test' },
    { id: 'u-rev', name: 'Rita Reviewer', email: 'rita@example.test' },
    { id: 'u-rev2', name: 'Émile Reviewer', email: 'emile@example.test' },
    { id: 'u-view', name: 'Victor Viewer', email: 'victor@example.test' },
    { id: 'u-none', name: 'Nadia Nobody', email: 'nadia@example.test' },
  ],
  thirdWorkspace: { id: 'ws-third', slug: 'archive', name: 'archive studio' },
  at: (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString(),
} as const;

const roles: Record<string, string> = {
  'u-owner': 'owner',
  'u-admin': 'admin',
  'u-rev': 'reviewer',
  'u-rev2': 'reviewer',
  'u-view': 'viewer',
};

/** A link-created event as the portal-link rules append it (packages/domain/src/portal-links.ts). */
export const linkCreated = (participantId: string, linkId: string, at: string): PortalLinkEvent => ({
  type: 'portal_link_created',
  participant_id: participantId,
  actor: 'user:u-owner',
  occurred_at: at,
  data: { link_id: linkId, expires_at: SMALL.at(-60 * 24 * 14), rotated: false },
});

export function arrangeSmallGroups({ db, repos, workspaceId }: { db: Db; repos: Repositories; workspaceId: string }) {
  const { at } = SMALL;
  for (const [i, u] of SMALL.users.entries()) {
    const created = new Date(Date.parse(at(600 - i)));
    db.insert(schema.users)
      .values({ ...u, emailVerified: i % 2 === 0, createdAt: created, updatedAt: created })
      .run();
  }
  for (const [i, [userId, role]] of Object.entries(roles).entries()) {
    repos.members.add({ id: `m-${userId}`, workspaceId, userId, role, createdAt: new Date(Date.parse(at(500 - i))) });
  }
  repos.workspaces.insert({ ...SMALL.thirdWorkspace, createdAt: new Date(Date.parse(at(450))) });
  repos.members.add({ id: 'm-third', workspaceId: SMALL.thirdWorkspace.id, userId: 'u-rev', role: 'owner' });
  const invite = (id: string, email: string, status: string, minutes: number) =>
    db
      .insert(schema.invitations)
      .values({
        id,
        organizationId: workspaceId,
        email,
        role: 'reviewer',
        status,
        expiresAt: new Date(Date.parse(at(-minutes))),
        inviterId: 'u-owner',
        createdAt: new Date(Date.parse(at(minutes))),
      })
      .run();
  invite('inv-1', 'first@example.test', 'pending', 300);
  invite('inv-2', 'second@example.test', 'pending', 200);
  invite('inv-3', 'accepted@example.test', 'accepted', 100);

  const participantIds = db
    .select({ id: schema.participants.id })
    .from(schema.participants)
    .where(eq(schema.participants.workspace_id, workspaceId))
    .orderBy(schema.participants.created_at)
    .limit(3)
    .all()
    .map((p) => p.id);
  const sessionIds = db
    .select({ id: schema.sessions.id })
    .from(schema.sessions)
    .where(eq(schema.sessions.workspace_id, workspaceId))
    .orderBy(schema.sessions.id)
    .limit(3)
    .all()
    .map((s) => s.id);

  writeTx(db, (tx) => {
    repos.memberGrants.grant(tx, {
      workspace_id: workspaceId,
      user_id: 'u-rev',
      scope: 'decisions.write',
      granted_at: at(400),
      granted_by: 'user:u-owner',
    });
    repos.memberGrants.grant(tx, {
      workspace_id: workspaceId,
      user_id: 'u-rev',
      scope: 'participants.write',
      granted_at: at(399),
      granted_by: 'user:u-owner',
    });
    const key = (id: string, minutes: number, extra: Partial<{ revoked: string; expires: string }> = {}) => {
      repos.apiKeys.insert(tx, {
        id,
        workspace_id: workspaceId,
        name: `Key ${id}`,
        prefix: `sf_${id}`,
        key_hash: `hash-${id}`,
        scopes: ['participants.read', 'participants.write'],
        created_by: 'user:u-owner',
        created_at: at(minutes),
      });
      if (extra.revoked) repos.apiKeys.revoke(tx, workspaceId, id, extra.revoked);
      if (extra.expires) repos.apiKeys.expireAt(tx, workspaceId, id, extra.expires);
    };
    key('k-b', 300);
    key('k-a', 300, { expires: at(-60) });
    key('k-c', 200, { revoked: at(150) });
    key('k-d', 100);

    // The first participant's link is rotated in the same millisecond: the newest is told by insertion order.
    const [first, second] = participantIds as [string, string];
    const link = (id: string, participantId: string, minutes: number) => {
      repos.portalLinks.insert(tx, {
        id,
        workspace_id: workspaceId,
        participant_id: participantId,
        token_hash: `token-${id}`,
        created_at: at(minutes),
        created_by: 'user:u-owner',
        expires_at: at(-60 * 24 * 14),
        revoked_at: null,
        last_opened_at: null,
      });
      repos.portalLinks.appendEvents(
        tx,
        { workspace_id: workspaceId, evaluation_template_id: templateOf(db, participantId) },
        [linkCreated(participantId, id, at(minutes))],
      );
    };
    link('l-z', first, 90);
    repos.portalLinks.revoke(tx, workspaceId, 'l-z', at(90));
    link('l-a', first, 90);
    link('l-old', second, 80);
    repos.portalLinks.markOpened(tx, workspaceId, 'l-old', at(70));

    repos.portalNotice.save(tx, workspaceId, {
      organization: 'Demo Org',
      contact: 'people@example.test',
      transcript_retention_days: 90,
      updated_at: at(60),
      updated_by: 'user:u-owner',
    });
    repos.interviewerModels.save(tx, workspaceId, {
      base_url: 'http://localhost:11434/v1',
      model: 'llama3',
      api_key: 'v1.iv.cipher.tag',
      updated_at: at(50),
      updated_by: 'user:u-admin',
    });
    const [answered, submitted] = sessionIds as [string, string];
    repos.answers.upsert(tx, workspaceId, answered, [
      { question_id: 'q2', text: 'Second answer', updated_at: at(40) },
      { question_id: 'Q1', text: 'First answer', updated_at: at(41) },
      { question_id: 'q10', text: 'Tenth', updated_at: at(39) },
    ]);
    repos.answers.upsert(tx, workspaceId, submitted, [{ question_id: 'q1', text: 'Done', updated_at: at(30) }]);
    repos.answers.submit(tx, workspaceId, {
      session_id: submitted,
      submitted_at: at(29),
      questions: [{ id: 'q1', prompt: 'Why?', max_length: 500 }],
    });
  });
  repos.instance.mark('small-groups', { arranged: true, nested: { n: 1 } }, at(10));
  return { participantIds, sessionIds };
}

const templateOf = (db: Db, participantId: string) =>
  db
    .select({ t: schema.participants.evaluation_template_id })
    .from(schema.participants)
    .where(eq(schema.participants.id, participantId))
    .get()!.t;

/**
 * What a read answers from another connection while a write unit holds its locks: it gives up after 200 ms, so
 * a read that would wait for a lock answers `'waits for a lock'`.
 */
export async function fromAnotherConnection<T>(pg: PgDb, read: (exec: PgExec) => Promise<T>) {
  try {
    return await pg.transaction(async (other) => {
      await other.execute(sql`set local lock_timeout = '200ms'`);
      return await read(other);
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause ?? error;
    // 55P03: lock_not_available, what a lock timeout raises.
    if ((cause as { code?: string }).code === '55P03') return 'waits for a lock' as const;
    throw error;
  }
}
