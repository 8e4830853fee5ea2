import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW } from '@stageflow/testing';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createServer, type SqliteServer } from '../server.ts';
import { DEMO_ACCOUNT, DEMO_MARKER, demoFromEnv, demoWanted, isLocalUrl } from './demo-workspace.ts';

/**
 * Demo data at start (docs/architecture.md#demo-data): each start is a new server on the same database
 * file, as an operator restarts one, with its log captured.
 */
let dir: string;
let running: SqliteServer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stageflow-seed-'));
});
afterEach(() => {
  running?.close();
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}
const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** Stops the running server, if any, and starts a new one on the same file; `seeded` is what seedDemo answered. */
async function start(
  options: { publicUrl?: string; demo?: boolean; beforeSeeding?: (server: SqliteServer) => void } = {},
) {
  running?.close();
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  running = createServer({
    databasePath: join(dir, 'stageflow.db'),
    publicUrl: options.publicUrl ?? 'http://localhost:3000',
    authSecret: 'x'.repeat(32),
    log,
    demo: options.demo,
  });
  options.beforeSeeding?.(running);
  const seeded = await running.seedDemo(NOW);
  const logged = (level: keyof typeof LEVEL) => lines.filter((l) => l.level === LEVEL[level]).map((l) => l.msg);
  return { server: running, seeded, logged };
}

const count = (server: SqliteServer, table: string) =>
  (server.db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const counts = (server: SqliteServer) =>
  Object.fromEntries(
    ['users', 'accounts', 'workspaces', 'members', 'participants', 'events', 'instance_markers'].map((t) => [
      t,
      count(server, t),
    ]),
  );
const signIn = (server: SqliteServer, password: string = DEMO_ACCOUNT.password) =>
  server.auth.api.signInEmail({ body: { email: DEMO_ACCOUNT.email, password } });

describe('demo data is seeded once per database, and a later start never fails on it', () => {
  test('a new local database gets the demo account, workspace and data, with the marker; the owner can sign in', async () => {
    const { server, seeded, logged } = await start();
    expect(seeded).toBe(true);
    expect(counts(server)).toMatchObject({ users: 1, workspaces: 1, members: 1, instance_markers: 1 });
    expect(count(server, 'participants')).toBeGreaterThan(30);
    const marker = server.repos.instance.marker(DEMO_MARKER)!;
    expect(server.repos.workspaces.byId(marker.value.workspace_id as string)?.slug).toBe('demo');
    expect(server.repos.members.user(marker.value.user_id as string)?.email).toBe(DEMO_ACCOUNT.email);
    expect(marker.recorded_at).toBe(NOW);
    // The sign-up's own session is not left behind; signing in works.
    expect(count(server, 'auth_sessions')).toBe(0);
    expect((await signIn(server)).user.email).toBe(DEMO_ACCOUNT.email);
    expect(logged('info')).toContain('demo data: created the demo account, workspace and data');
    expect([...logged('warn'), ...logged('error')]).toEqual([]);
  });

  test('a second start seeds nothing and duplicates nothing', async () => {
    const first = await start();
    const before = counts(first.server);
    const second = await start();
    expect(second.seeded).toBe(false);
    expect(counts(second.server)).toEqual(before);
    expect([...second.logged('warn'), ...second.logged('error')]).toEqual([]);
  });

  test('a renamed demo workspace: the next start neither crashes ("User already exists") nor seeds again', async () => {
    const first = await start();
    first.server.db.$client.prepare(`update workspaces set slug = 'acme-hiring', name = 'Acme Hiring'`).run();
    const before = counts(first.server);
    const second = await start();
    expect(second.seeded).toBe(false);
    expect(counts(second.server)).toEqual(before);
    expect(second.logged('error')).toEqual([]);
  });

  test('a deleted demo account is not made again (its public password would come back with it)', async () => {
    const first = await start();
    first.server.db.$client.prepare('delete from users where email = ?').run(DEMO_ACCOUNT.email);
    const second = await start();
    expect(second.seeded).toBe(false);
    expect(counts(second.server)).toMatchObject({ users: 0, members: 0, workspaces: 1 });
    await expect(signIn(second.server)).rejects.toThrow();
  });

  test('the marker alone decides: with the demo workspace and account gone, an empty database is not seeded again', async () => {
    // As if demo data had been seeded and everything it made removed since.
    const { server, seeded } = await start({
      beforeSeeding: (s) => s.repos.instance.mark(DEMO_MARKER, { workspace_id: 'gone', user_id: 'gone' }, NOW),
    });
    expect(server.repos.instance.isNew()).toBe(true);
    expect(seeded).toBe(false);
    expect(counts(server)).toMatchObject({ users: 0, workspaces: 0, instance_markers: 1 });
  });

  test('a changed password stays changed, and the start does not fail', async () => {
    const first = await start();
    const { headers } = await first.server.auth.api.signInEmail({
      body: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
      returnHeaders: true,
    });
    const cookie = headers.get('set-cookie')!.split(';')[0]!;
    await first.server.auth.api.changePassword({
      body: { currentPassword: DEMO_ACCOUNT.password, newPassword: 'a private password' },
      headers: new Headers({ cookie }),
    });
    const second = await start();
    expect(second.seeded).toBe(false);
    await expect(signIn(second.server)).rejects.toThrow();
    expect((await signIn(second.server, 'a private password')).user.email).toBe(DEMO_ACCOUNT.email);
  });

  test('a database seeded before the marker existed is left alone: it is not new', async () => {
    const first = await start();
    first.server.db.$client.prepare('delete from instance_markers').run();
    const before = counts(first.server);
    const second = await start();
    expect(second.seeded).toBe(false);
    expect(counts(second.server)).toEqual(before);
    expect([...second.logged('warn'), ...second.logged('error')]).toEqual([]);
  });

  test('a database with accounts or workspaces of its own is not new, and gets no demo data', async () => {
    const first = await start({ demo: false });
    first.server.repos.workspaces.insert({ id: crypto.randomUUID(), slug: 'acme', name: 'Acme' });
    const second = await start();
    expect(second.seeded).toBe(false);
    expect(counts(second.server)).toMatchObject({ users: 0, workspaces: 1, instance_markers: 0 });
  });
});

describe('the sign-in page offers the demo account only where it exists', () => {
  const demoAccount = (server: SqliteServer) => server.fetch(new Request('http://localhost:3000/api/demo-account'));

  test('a seeded database offers it', async () => {
    const { server } = await start();
    const res = await demoAccount(server);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
  });

  test('a public server without demo data, or one whose demo account was deleted, offers none', async () => {
    const { server } = await start({ publicUrl: 'https://stageflow.example.com' });
    expect((await demoAccount(server)).status).toBe(404);
    running?.close();
    running = undefined;
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `stageflow.db${suffix}`), { force: true });
    const seeded = await start();
    seeded.server.db.$client.prepare('delete from users where email = ?').run(DEMO_ACCOUNT.email);
    expect((await demoAccount(seeded.server)).status).toBe(404);
  });
});

describe('a seeding problem is logged and never fatal', () => {
  test('seeding that fails halfway keeps nothing, says what happened and what to do, and is tried again next start', async () => {
    // Any failure in the middle of seeding: here the database refuses participants.
    const broken = await start({
      beforeSeeding: (server) =>
        server.db.$client.exec(
          `create trigger no_participants before insert on participants begin select raise(abort, 'disk trouble'); end`,
        ),
    });
    expect(broken.seeded).toBe(false);
    expect(counts(broken.server)).toMatchObject({ users: 0, workspaces: 0, participants: 0, instance_markers: 0 });
    expect(broken.server.db.$client.inTransaction).toBe(false);
    const [error] = broken.logged('error');
    expect(error).toMatch(/^demo data: seeding failed, so the server starts without it/);
    expect(error).toMatch(/tried again at the next start; DEMO=0 turns it off/);

    broken.server.db.$client.exec('drop trigger no_participants');
    const next = await start();
    expect(next.seeded).toBe(true);
    expect(counts(next.server)).toMatchObject({ users: 1, workspaces: 1, instance_markers: 1 });
  });
});

describe('who gets demo data: DEMO, else a local PUBLIC_URL', () => {
  test.each([
    ['http://localhost:3000', true],
    ['http://127.0.0.1:41234', true],
    ['http://[::1]:3000', true],
    ['https://localhost', true],
    ['https://stageflow.example.com', false],
    ['http://10.0.0.5:3000', false],
    ['http://localhost.example.com', false],
    ['not a url', false],
  ])('%s is local: %s', (url, local) => {
    expect(isLocalUrl(url)).toBe(local);
  });

  test.each([
    [undefined, 'http://localhost:3000', true],
    [undefined, 'https://stageflow.example.com', false],
    [true, 'https://stageflow.example.com', true],
    [false, 'http://localhost:3000', false],
  ] as const)('demo %s at %s: seeds %s', (demo, publicUrl, seed) => {
    expect(demoWanted({ demo, publicUrl }).seed).toBe(seed);
  });

  test.each([
    [undefined, {}],
    ['', {}],
    ['1', { demo: true }],
    ['true', { demo: true }],
    ['0', { demo: false }],
    [' FALSE ', { demo: false }],
  ])('DEMO=%j reads as %j', (value, read) => {
    expect(demoFromEnv(value)).toEqual(read);
  });

  test('another DEMO value is reported, and left to PUBLIC_URL', () => {
    expect(demoFromEnv('yes')).toEqual({ problem: expect.stringMatching(/^DEMO=yes is not 1 or 0: ignored/) });
  });

  test('a public address gets no demo account on a new database, and the log says how to get one', async () => {
    const { server, seeded, logged } = await start({ publicUrl: 'https://stageflow.example.com' });
    expect(seeded).toBe(false);
    expect(server.repos.instance.isNew()).toBe(true);
    expect(logged('info')).toContainEqual(expect.stringMatching(/not local \(DEMO=1 seeds it anyway\)/));
  });

  test('DEMO=1 seeds a new database at a public address, with a warning about the public password', async () => {
    const { server, seeded, logged } = await start({ publicUrl: 'https://stageflow.example.com', demo: true });
    expect(seeded).toBe(true);
    expect(counts(server)).toMatchObject({ users: 1, workspaces: 1 });
    expect(logged('warn')).toContainEqual(expect.stringMatching(/password is public .* change its password or remove/));
  });

  test('DEMO=0 turns it off, locally too', async () => {
    const { server, seeded, logged } = await start({ demo: false });
    expect(seeded).toBe(false);
    expect(server.repos.instance.isNew()).toBe(true);
    expect(logged('info')).toContainEqual(expect.stringMatching(/as DEMO=0$/));
  });

  test('DEMO=1 on a database that is not new seeds nothing and says why', async () => {
    const first = await start({ demo: false });
    first.server.repos.workspaces.insert({ id: crypto.randomUUID(), slug: 'acme', name: 'Acme' });
    const second = await start({ demo: true });
    expect(second.seeded).toBe(false);
    expect(second.logged('warn')).toContainEqual(expect.stringMatching(/DEMO=1, but .* new database \(DATABASE_PATH/));
  });
});

describe('each start with demo data makes the demo participant a portal link to print (seed/demo-portal.ts)', () => {
  /** Opens a printed link as a participant's browser does: the Continue page, its form, then the portal. */
  async function openPortal(server: SqliteServer, url: string) {
    const at = (path: string, init?: RequestInit) => server.fetch(new Request(`http://localhost:3000${path}`, init));
    const { pathname } = new URL(url);
    const continuePage = await at(pathname);
    if (continuePage.status !== 200) return { status: continuePage.status, portal: '' };
    const posted = await at(pathname, { method: 'POST' });
    expect(posted.status).toBe(303);
    const cookie = posted.headers.get('set-cookie')!.split(';')[0]!;
    const portal = await at('/p/', { headers: { cookie } });
    expect(portal.status).toBe(200);
    return { status: 200, portal: await portal.text() };
  }

  test("the first start's link opens Rosa's portal, where she can start her written assessment", async () => {
    const { server } = await start();
    const demo = await server.demoPortal(NOW);
    expect(demo).toEqual({ name: 'Rosa Jiménez', url: expect.stringMatching(/^http:\/\/localhost:3000\/p\/sfp_/) });
    const { portal } = await openPortal(server, demo!.url);
    expect(portal).toContain('Hello Rosa Jiménez');
    expect(portal).toContain('Product Basics');
    expect(portal).toContain('<form method="post" action="/p/start">');
  });

  test('the next start makes a new link, made by the system; the one before stops working', async () => {
    const first = await start();
    const before = (await first.server.demoPortal(NOW))!;
    const second = await start();
    const after = (await second.server.demoPortal(NOW))!;
    expect(after.url).not.toBe(before.url);
    expect((await openPortal(second.server, before.url)).status).toBe(410);
    expect((await openPortal(second.server, after.url)).portal).toContain('Hello Rosa Jiménez');
    const made = second.server.db.$client
      .prepare(`select actor from events where type = 'portal_link_created' order by seq`)
      .all() as { actor: string }[];
    expect(made).toEqual([{ actor: 'system' }, { actor: 'system' }]);
    expect([...second.logged('warn'), ...second.logged('error')]).toEqual([]);
  });

  test('none where demo data is not wanted (DEMO=0, a public address) or not there, or Rosa is gone', async () => {
    expect(await (await start({ demo: false })).server.demoPortal(NOW)).toBeNull();
    running?.close();
    running = undefined;
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `stageflow.db${suffix}`), { force: true });
    await start();
    expect(await (await start({ demo: false })).server.demoPortal(NOW)).toBeNull();
    expect(await (await start({ publicUrl: 'https://stageflow.example.com' })).server.demoPortal(NOW)).toBeNull();
    const { server } = await start({ publicUrl: 'https://stageflow.example.com', demo: true });
    expect(await server.demoPortal(NOW)).toEqual(expect.objectContaining({ name: 'Rosa Jiménez' }));
    // As if Rosa had been deleted: the marker names a participant the workspace no longer has.
    server.db.$client
      .prepare(`update instance_markers set value = json_set(value, '$.portal_participant_id', 'gone')`)
      .run();
    expect(await (await start()).server.demoPortal(NOW)).toBeNull();
  });
});
