import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, createDb, createRepositories, type Db, migrateDb, type Reads } from '@stageflow/db';
import { closePgDb, createPgDb, createPgReads, type PgDb } from '@stageflow/db/postgres';
import { API_KEY_SCOPES } from '@stageflow/domain';
import { createApiKeyResolver, createAuth, makeOwnerCommand } from '@stageflow/server';
import {
  cookieHeaderFrom,
  postgresUnavailable,
  type RunningServer,
  startPostgres,
  startServer,
  type TestPostgres,
} from '@stageflow/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from './cli.ts';

/**
 * The operators' CLI on a temporary database: the commands that write accounts, workspaces, members and keys
 * run on both engines (SQLite: a file per test; PostgreSQL, with DATABASE_URL: one database for this file, new
 * slugs and emails per test), and what they make works with a real server on PostgreSQL. Backup and restore
 * are SQLite's.
 */
const unavailable = postgresUnavailable();
if (unavailable) console.warn(unavailable);
const SECRET = 'x'.repeat(32);

let dir: string;
let databasePath: string;
let env: NodeJS.ProcessEnv;
const open: Db[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stageflow-cli-'));
  databasePath = join(dir, 'data', 'stageflow.db');
  env = { DATABASE_PATH: databasePath, AUTH_SECRET: SECRET };
});
afterEach(() => {
  for (const db of open.splice(0)) closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

/** This file's PostgreSQL server, started on first use and stopped after the last test. */
let postgres: Promise<TestPostgres> | undefined;
const onPostgres = () => {
  postgres ??= startPostgres();
  return postgres;
};
afterAll(async () => {
  await (await postgres)?.stop();
});

/** Runs a command as `pnpm stageflow …` would, from the temporary directory. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: dir });
  return { code, out, err: err.join('\n'), last: out.at(-1) ?? '' };
}

/** The SQLite file as the server would open it. */
function sqliteDatabase() {
  const db = createDb(databasePath);
  migrateDb(db);
  open.push(db);
  return { db, repos: createRepositories(db) };
}

/** What a test reads back on the engine the CLI wrote to. */
interface Database {
  readonly reads: Reads;
  /** better-auth's database: to sign in as the server does. */
  readonly authDb: Db | PgDb;
  /** Raw rows, by SQL both dialects speak (`?` for each parameter). */
  rows<R>(query: string, ...params: unknown[]): Promise<R[]>;
}

interface Engine {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** Once for the engine's tests: PostgreSQL's database; the answer is added to each test's environment. */
  setUp(): Promise<Record<string, string>>;
  /** The database the CLI wrote to, once it has (the CLI creates and migrates it). */
  database(): Database;
  tearDown(): Promise<void>;
}

const sqlite: Engine = {
  name: 'SQLite',
  setUp: async () => ({}),
  database() {
    const { db, repos } = sqliteDatabase();
    return {
      reads: repos,
      authDb: db,
      rows: async <R>(query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params) as R[],
    };
  },
  tearDown: async () => {},
};

function postgresEngine(): Engine {
  /** A pool on each database the tests' DATABASE_URL named. */
  const pools = new Map<string, { pg: PgDb; reads: Reads }>();
  return {
    name: 'PostgreSQL',
    setUp: async () => ({ DATABASE_URL: await (await onPostgres()).newDatabase() }),
    database() {
      const url = env.DATABASE_URL!;
      if (!pools.has(url)) {
        const pg = createPgDb(url);
        pools.set(url, { pg, reads: createPgReads(pg) });
      }
      const { pg, reads } = pools.get(url)!;
      return {
        reads,
        authDb: pg,
        async rows<R>(query: string, ...params: unknown[]) {
          let n = 0;
          const numbered = query.replaceAll('?', () => `$${++n}`);
          return (await pg.$client.query(numbered, params)).rows as R[];
        },
      };
    },
    async tearDown() {
      for (const { pg } of pools.values()) await closePgDb(pg);
    },
  };
}

const engines: Engine[] = unavailable ? [sqlite] : [sqlite, postgresEngine()];

describe.each(engines)('on $name', (engine) => {
  let engineEnv: Record<string, string> = {};
  /** New per test, so tests sharing the PostgreSQL database never meet. */
  let slug = '';
  let ada = '';
  let bob = '';
  beforeAll(async () => {
    engineEnv = await engine.setUp();
  }, 60_000);
  afterAll(() => engine.tearDown());
  beforeEach(() => {
    Object.assign(env, engineEnv);
    const tag = crypto.randomUUID().slice(0, 8);
    slug = `acme-${tag}`;
    ada = `ada-${tag}@example.com`;
    bob = `bob-${tag}@example.com`;
  });
  const database = () => engine.database();
  const workspaceId = async (s = slug) => (await database().reads.workspaces.bySlug(s))!.id;

  describe('workspace create', () => {
    test('creates a workspace on a new database, with a name', async () => {
      // On PostgreSQL a database of its own: the command migrates it first, as the server does at start.
      if (engine.name === 'PostgreSQL') env.DATABASE_URL = await (await onPostgres()).newDatabase();
      const result = await cli('workspace', 'create', slug, '--name', 'Acme Hiring');
      expect(result).toMatchObject({
        code: 0,
        last: expect.stringMatching(new RegExp(`^Created workspace Acme Hiring \\(${slug}\\)`)),
      });
      expect((await database().reads.workspaces.bySlug(slug))?.name).toBe('Acme Hiring');
    });

    test('refuses a taken or malformed slug, and a missing one', async () => {
      await cli('workspace', 'create', slug);
      expect(await cli('workspace', 'create', slug)).toMatchObject({
        code: 1,
        err: expect.stringMatching(/already exists/),
      });
      expect(await cli('workspace', 'create', 'Not A Slug')).toMatchObject({
        code: 1,
        err: expect.stringMatching(/^slug: /),
      });
      expect(await cli('workspace', 'create')).toMatchObject({ code: 2, err: expect.stringMatching(/Usage/) });
      expect(await cli('workspace', 'create', 'x-y', '--colour', 'red')).toMatchObject({ code: 2 });
    });
  });

  describe('api-key create', () => {
    beforeEach(async () => {
      await cli('workspace', 'create', slug);
    });

    test('prints the key alone on its last line; the key works with the scopes asked for', async () => {
      const result = await cli(
        'api-key',
        'create',
        '--workspace',
        slug,
        '--name',
        'CI',
        '--scopes',
        'events.read, sessions.write',
      );
      expect(result.code).toBe(0);
      expect(result.last).toMatch(/^sf_live_[0-9A-Za-z]{38}$/);
      const { reads } = database();
      const principal = await createApiKeyResolver(reads)(result.last);
      expect(principal).toMatchObject({
        kind: 'api_key',
        workspaceId: await workspaceId(),
        scopes: ['sessions.write', 'events.read'],
      });
      expect((await reads.apiKeys.list(await workspaceId()))[0]).toMatchObject({ name: 'CI', created_by: 'cli' });
    });

    test('all scopes with --scopes all, or without --scopes', async () => {
      for (const args of [['--scopes', 'all'], []]) {
        const { last } = await cli('api-key', 'create', '--workspace', slug, '--name', 'Everything', ...args);
        expect(await createApiKeyResolver(database().reads)(last)).toMatchObject({ scopes: [...API_KEY_SCOPES] });
      }
    });

    test('refuses an unknown workspace or scope, and a missing name', async () => {
      expect(await cli('api-key', 'create', '--workspace', 'nope', '--name', 'CI')).toMatchObject({
        code: 1,
        err: expect.stringMatching(/No workspace with the slug "nope"/),
      });
      expect(
        await cli('api-key', 'create', '--workspace', slug, '--name', 'CI', '--scopes', 'events.read,admin'),
      ).toMatchObject({
        code: 1,
        err: expect.stringMatching(/Unknown scope: admin\. Use all, or some of: agent_profiles.read/),
      });
      expect(await cli('api-key', 'create', '--workspace', slug)).toMatchObject({
        code: 2,
        err: /--name is required/,
      });
    });
  });

  describe('user create', () => {
    const signIn = (email: string, password: string) => {
      const { authDb, reads } = database();
      const auth = createAuth({
        db: authDb,
        members: reads.members,
        baseURL: 'http://localhost',
        secret: SECRET,
        rateLimit: false,
      });
      return auth.api.signInEmail({ body: { email, password } });
    };

    test('creates an account through better-auth (password hashed, no session kept), a member with a role', async () => {
      await cli('workspace', 'create', slug);
      const result = await cli(
        'user',
        'create',
        '--email',
        ada,
        '--password',
        'correct horse battery',
        '--name',
        'Ada',
        '--workspace',
        slug,
        '--role',
        'reviewer',
      );
      expect(result).toMatchObject({ code: 0, last: `Added ${ada} to ${slug} as reviewer` });
      const { reads, rows } = database();
      const created = (await reads.members.userByEmail(ada))!;
      const [stored] = await rows<{ password: string }>('select password from accounts where user_id = ?', created.id);
      expect(stored!.password).not.toContain('correct horse battery');
      expect(stored!.password.length).toBeGreaterThan(40);
      // Signing up signed in too; that session went.
      expect(await rows('select id from auth_sessions where user_id = ?', created.id)).toEqual([]);
      const { user } = await signIn(ada, 'correct horse battery');
      expect(user.name).toBe('Ada');
      expect(await reads.members.roleOf(await workspaceId(), user.id)).toBe('reviewer');
    });

    test('takes the password from STAGEFLOW_PASSWORD; no workspace needed', async () => {
      env.STAGEFLOW_PASSWORD = 'another long password';
      expect((await cli('user', 'create', '--email', bob)).code).toBe(0);
      expect((await signIn(bob, 'another long password')).user.email).toBe(bob);
    });

    test("refuses what better-auth refuses, and options that don't go together", async () => {
      await cli('workspace', 'create', slug);
      const create = (...more: string[]) => cli('user', 'create', '--email', ada, ...more);
      expect(await create('--password', 'short')).toMatchObject({
        code: 1,
        err: /Could not create the user: .*short/i,
      });
      expect(
        await create('--password', 'correct horse battery', '--workspace', 'nope', '--role', 'owner'),
      ).toMatchObject({ code: 1, err: 'No workspace with the slug "nope"' });
      expect(await create('--password', 'correct horse battery')).toMatchObject({ code: 0 });
      expect(await create('--password', 'correct horse battery')).toMatchObject({ code: 1, err: /already exists/i });
      expect(await create('--password', 'x'.repeat(12), '--workspace', slug)).toMatchObject({
        code: 2,
        err: /go together/,
      });
      expect(await create('--password', 'x'.repeat(12), '--workspace', slug, '--role', 'boss')).toMatchObject({
        code: 2,
        err: /--role must be one of owner, admin, reviewer, viewer/,
      });
      expect(await create()).toMatchObject({ code: 2, err: /--password is required/ });
    });

    test('holds the account to the same rules as sign-up over HTTP (better-auth hooks)', async () => {
      const create = (...more: string[]) => cli('user', 'create', '--email', ada, ...more);
      expect(await create('--password', 'password123')).toMatchObject({
        code: 1,
        err: /Could not create the user: password: is one of the most common passwords/,
      });
      expect(await create('--password', 'correct horse battery', '--name', 'x'.repeat(121))).toMatchObject({
        code: 1,
        err: /Could not create the user: name: Use at most 120 characters/,
      });
      expect(await create('--password', 'stageflow-demo')).toMatchObject({ code: 0 });
    });
  });

  describe('member set-role', () => {
    const createUser = (email: string, ...membership: string[]) =>
      cli('user', 'create', '--email', email, '--password', 'correct horse battery', ...membership);
    const roleIn = async (email: string) => {
      const { reads } = database();
      return reads.members.roleOf(await workspaceId(), (await reads.members.userByEmail(email))!.id);
    };
    const setRole = (email: string, role: string) =>
      cli('member', 'set-role', '--workspace', slug, '--email', email, '--role', role);
    beforeEach(async () => {
      await cli('workspace', 'create', slug);
      await createUser(ada);
    });

    test('the command the server logs for a workspace without an owner makes an existing account its owner', async () => {
      const withoutOwner = async () => (await database().reads.workspaces.withoutOwner()).map((w) => w.slug);
      expect(await withoutOwner()).toContain(slug);
      const command = makeOwnerCommand(slug).replace('<their email>', ada.toUpperCase());
      const [pnpm, stageflow, ...argv] = command.split(' ');
      expect([pnpm, stageflow]).toEqual(['pnpm', 'stageflow']);

      expect(await cli(...argv)).toMatchObject({ code: 0, last: `Added ${ada} to ${slug} as owner` });
      expect(await roleIn(ada)).toBe('owner');
      expect(await withoutOwner()).not.toContain(slug);
    });

    test("changes a member's role, and says so", async () => {
      await createUser(bob, '--workspace', slug, '--role', 'reviewer');
      expect(await setRole(bob, 'admin')).toMatchObject({
        code: 0,
        last: `${bob} is now admin in ${slug} (was reviewer)`,
      });
      expect(await setRole(bob, 'admin')).toMatchObject({ code: 0, last: `${bob} already is admin in ${slug}` });
      expect(await roleIn(bob)).toBe('admin');
    });

    test('never demotes the only owner; once another is owner, it may', async () => {
      await setRole(ada, 'owner');
      expect(await setRole(ada, 'admin')).toMatchObject({
        code: 1,
        err: `${ada} is the only owner of ${slug}: make another account its owner first, so it keeps one`,
      });
      expect(await roleIn(ada)).toBe('owner');
      await createUser(bob);
      await setRole(bob, 'owner');
      expect(await setRole(ada, 'admin')).toMatchObject({ code: 0 });
      expect(await roleIn(ada)).toBe('admin');
    });

    test('two owners demoted at once: one is, the other is refused, and the workspace keeps an owner', async () => {
      await createUser(bob);
      await setRole(ada, 'owner');
      await setRole(bob, 'owner');
      const results = await Promise.all([setRole(ada, 'viewer'), setRole(bob, 'viewer')]);
      expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
      expect(results.find((r) => r.code === 1)?.err).toMatch(/is the only owner of/);
      expect([await roleIn(ada), await roleIn(bob)].sort()).toEqual(['owner', 'viewer']);
    });

    test('refuses an unknown workspace, account or role, and missing options', async () => {
      const set = (...args: string[]) => cli('member', 'set-role', ...args);
      expect(await set('--workspace', 'nope', '--email', ada, '--role', 'owner')).toMatchObject({
        code: 1,
        err: 'No workspace with the slug "nope"',
      });
      expect(await set('--workspace', slug, '--email', 'eve@example.com', '--role', 'owner')).toMatchObject({
        code: 1,
        err: `No account with the email eve@example.com: create one with pnpm stageflow user create --email eve@example.com --workspace ${slug} --role owner`,
      });
      expect(await set('--workspace', slug, '--email', ada, '--role', 'boss')).toMatchObject({
        code: 2,
        err: /--role must be one of owner, admin, reviewer, viewer/,
      });
      expect(await set('--workspace', slug, '--email', ada)).toMatchObject({ code: 2, err: /--role is required/ });
    });
  });
});

describe.skipIf(unavailable)('on PostgreSQL, with a server on the same database', () => {
  let url: string;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    url = await (await onPostgres()).newDatabase();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  test('a workspace, a key and an owner made by the CLI: the key works over REST, the owner signs in to it', async () => {
    env.DATABASE_URL = url;
    const created = await cli('workspace', 'create', 'acme', '--name', 'Acme');
    const workspaceId = /, id (\S+)$/.exec(created.last)?.[1];
    expect(workspaceId).toBeDefined();
    const key = (await cli('api-key', 'create', '--workspace', 'acme', '--name', 'CI')).last;
    expect(
      await cli(
        'user',
        'create',
        '--email',
        'ada@example.com',
        '--password',
        'correct horse battery',
        '--workspace',
        'acme',
        '--role',
        'owner',
      ),
    ).toMatchObject({ code: 0 });

    server = await startServer({ from: 'source', env: { DATABASE_URL: url, AUTH_SECRET: SECRET, DEMO: '0' } });
    const rest = (path: string, init: RequestInit = {}) =>
      fetch(`${server!.url}/api/v1${path}`, {
        ...init,
        headers: { 'x-api-key': key, 'content-type': 'application/json', ...init.headers },
      });
    expect(await (await rest('/evaluation-templates')).json()).toEqual([]);
    const made = await rest('/evaluation-templates', {
      method: 'POST',
      body: JSON.stringify({ template_name: 'Backend Engineer', use_case: 'hiring' }),
    });
    expect(made.status).toBe(200);
    const listed = await rest('/evaluation-templates');
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { template_name: string }[]).map((t) => t.template_name)).toEqual([
      'Backend Engineer',
    ]);

    const auth = (path: string, init: RequestInit = {}) =>
      fetch(`${server!.url}/api/auth${path}`, {
        ...init,
        headers: { origin: server!.url, 'content-type': 'application/json', ...init.headers },
      });
    const signIn = await auth('/sign-in/email', {
      method: 'POST',
      body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = cookieHeaderFrom(signIn);
    const session = (await (await auth('/get-session', { headers: { cookie } })).json()) as {
      user: { email: string };
      session: { activeOrganizationId: string | null };
    };
    expect(session.user.email).toBe('ada@example.com');
    // Signed in to the workspace the CLI made her owner of, she sees the template the key made there.
    expect(session.session.activeOrganizationId).toBe(workspaceId);
    const templates = await fetch(`${server.url}/trpc/templates.list`, {
      headers: { cookie, origin: server.url, 'x-stageflow-client': 'web' },
    });
    expect(templates.status).toBe(200);
    const { result } = (await templates.json()) as { result: { data: { template_name: string }[] } };
    expect(result.data.map((t) => t.template_name)).toEqual(['Backend Engineer']);
  }, 120_000);
});

describe('db backup and restore', () => {
  test('backup copies the live database, also what is still in its write-ahead log', async () => {
    await cli('workspace', 'create', 'acme');
    // The server holds the database open; this write sits in the WAL, not yet in the main file.
    const { repos } = sqliteDatabase();
    repos.workspaces.insert({ id: crypto.randomUUID(), slug: 'live', name: 'Live' });
    const result = await cli('db', 'backup', 'backups/monday.db');
    expect(result).toMatchObject({ code: 0, last: expect.stringMatching(/^Backed up .* to .*monday\.db/) });
    // One self-contained file.
    expect(readdirSync(join(dir, 'backups'))).toEqual(['monday.db']);
    const copy = createDb(join(dir, 'backups/monday.db'));
    open.push(copy);
    expect(createRepositories(copy).workspaces.bySlug('live')).toBeDefined();
  });

  test('backup refuses to overwrite a file, or to copy a database that is not there', async () => {
    expect(await cli('db', 'backup', 'a.db')).toMatchObject({ code: 1, err: /There is no database/ });
    await cli('workspace', 'create', 'acme');
    writeFileSync(join(dir, 'taken.db'), 'x');
    expect(await cli('db', 'backup', 'taken.db')).toMatchObject({ code: 1, err: /already exists/ });
  });

  test('restore brings back the backup, keeps the replaced database, and warns to stop the server', async () => {
    await cli('workspace', 'create', 'before');
    await cli('db', 'backup', 'snapshot.db');
    await cli('workspace', 'create', 'after');
    const result = await cli('db', 'restore', 'snapshot.db');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/server must be stopped/);
    expect(result.out.join('\n')).toMatch(/Kept the current database as .*before-restore/);
    expect(existsSync(`${databasePath}-wal`)).toBe(false);

    const { repos } = sqliteDatabase();
    expect(repos.workspaces.bySlug('before')).toBeDefined();
    expect(repos.workspaces.bySlug('after')).toBeUndefined();
    const kept = readdirSync(join(dir, 'data')).find((f) => f.includes('before-restore'))!;
    const old = createDb(join(dir, 'data', kept));
    open.push(old);
    expect(createRepositories(old).workspaces.bySlug('after')).toBeDefined();
  });

  test('restore refuses files that are not a Stageflow database, and changes nothing', async () => {
    await cli('workspace', 'create', 'acme');
    writeFileSync(join(dir, 'notes.txt'), 'not a database at all, just some text that is long enough');
    const other = createDb(join(dir, 'other.db'));
    other.$client.exec('create table things (id integer)');
    closeDb(other);

    expect(await cli('db', 'restore', 'missing.db')).toMatchObject({ code: 1, err: /cannot be opened/ });
    expect(await cli('db', 'restore', 'notes.txt')).toMatchObject({ code: 1, err: /not a Stageflow database/ });
    expect(await cli('db', 'restore', 'other.db')).toMatchObject({ code: 1, err: /not a Stageflow database/ });
    expect(sqliteDatabase().repos.workspaces.bySlug('acme')).toBeDefined();
  });

  test('with DATABASE_URL set they refuse, pointing to pg_dump and pg_restore, and touch no file', async () => {
    await cli('workspace', 'create', 'acme');
    writeFileSync(join(dir, 'snapshot.db'), 'x');
    env.DATABASE_URL = 'postgres://db.internal/stageflow';
    for (const args of [
      ['backup', 'monday.db'],
      ['restore', 'snapshot.db'],
    ]) {
      expect(await cli('db', ...args)).toMatchObject({
        code: 1,
        err: expect.stringMatching(/DATABASE_URL is set: on PostgreSQL, use pg_dump .* and pg_restore/),
      });
    }
    expect(existsSync(join(dir, 'monday.db'))).toBe(false);
    expect(readdirSync(join(dir, 'data')).filter((f) => f.includes('before-restore'))).toEqual([]);
  });
});

test('a DATABASE_URL that is not a PostgreSQL URL is refused as the server refuses it; no file is made', async () => {
  env.DATABASE_URL = 'mysql://db.internal/stageflow';
  for (const argv of [
    ['workspace', 'create', 'acme'],
    ['member', 'set-role', '--workspace', 'acme', '--email', 'ada@example.com', '--role', 'owner'],
    ['db', 'backup', 'monday.db'],
  ]) {
    expect(await cli(...argv)).toMatchObject({
      code: 1,
      err: 'DATABASE_URL must start with postgres:// or postgresql:// (unset it to use the SQLite file, DATABASE_PATH)',
    });
  }
  expect(existsSync(databasePath)).toBe(false);
});

test('help and unknown commands', async () => {
  expect(await cli()).toMatchObject({ code: 0, out: [expect.stringMatching(/^Usage: pnpm stageflow/)] });
  expect(await cli('workspace', 'delete', 'acme')).toMatchObject({ code: 2, err: /Unknown command: workspace delete/ });
});
