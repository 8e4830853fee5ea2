import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, createDb, createRepositories, type Db, migrateDb } from '@stageflow/db';
import { API_KEY_SCOPES } from '@stageflow/domain';
import { createApiKeyResolver, createAuth, makeOwnerCommand } from '@stageflow/server';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from './cli.ts';

let dir: string;
let databasePath: string;
let env: NodeJS.ProcessEnv;
const open: Db[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stageflow-cli-'));
  databasePath = join(dir, 'data', 'stageflow.db');
  env = { DATABASE_PATH: databasePath, AUTH_SECRET: 'x'.repeat(32) };
});
afterEach(() => {
  for (const db of open.splice(0)) closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a command as `pnpm stageflow …` would, from the temporary directory. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: dir });
  return { code, out, err: err.join('\n'), last: out.at(-1) ?? '' };
}

/** The database as the server would open it. */
function database() {
  const db = createDb(databasePath);
  migrateDb(db);
  open.push(db);
  return { db, repos: createRepositories(db) };
}

describe('workspace create', () => {
  test('creates a workspace on a new database, with a name', async () => {
    const result = await cli('workspace', 'create', 'acme-hiring', '--name', 'Acme Hiring');
    expect(result).toMatchObject({
      code: 0,
      last: expect.stringMatching(/^Created workspace Acme Hiring \(acme-hiring\)/),
    });
    expect(database().repos.workspaces.bySlug('acme-hiring')?.name).toBe('Acme Hiring');
  });

  test('refuses a taken or malformed slug, and a missing one', async () => {
    await cli('workspace', 'create', 'acme');
    expect(await cli('workspace', 'create', 'acme')).toMatchObject({
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
    await cli('workspace', 'create', 'acme');
  });

  test('prints the key alone on its last line; the key works with the scopes asked for', async () => {
    const result = await cli(
      'api-key',
      'create',
      '--workspace',
      'acme',
      '--name',
      'CI',
      '--scopes',
      'events.read, sessions.write',
    );
    expect(result.code).toBe(0);
    expect(result.last).toMatch(/^sf_live_[0-9A-Za-z]{38}$/);
    const { repos } = database();
    const principal = await createApiKeyResolver(repos)(result.last);
    expect(principal).toMatchObject({
      kind: 'api_key',
      workspaceId: repos.workspaces.bySlug('acme')?.id,
      scopes: ['sessions.write', 'events.read'],
    });
    expect(repos.apiKeys.list(repos.workspaces.bySlug('acme')!.id)[0]).toMatchObject({ name: 'CI', created_by: 'cli' });
  });

  test('all scopes with --scopes all, or without --scopes', async () => {
    for (const args of [['--scopes', 'all'], []]) {
      const { last } = await cli('api-key', 'create', '--workspace', 'acme', '--name', 'Everything', ...args);
      expect(await createApiKeyResolver(database().repos)(last)).toMatchObject({ scopes: [...API_KEY_SCOPES] });
    }
  });

  test('refuses an unknown workspace or scope, and a missing name', async () => {
    expect(await cli('api-key', 'create', '--workspace', 'nope', '--name', 'CI')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/No workspace with the slug "nope"/),
    });
    expect(
      await cli('api-key', 'create', '--workspace', 'acme', '--name', 'CI', '--scopes', 'events.read,admin'),
    ).toMatchObject({
      code: 1,
      err: expect.stringMatching(/Unknown scope: admin\. Use all, or some of: agent_profiles.read/),
    });
    expect(await cli('api-key', 'create', '--workspace', 'acme')).toMatchObject({ code: 2, err: /--name is required/ });
  });
});

describe('user create', () => {
  const signIn = (email: string, password: string) => {
    const { db } = database();
    const auth = createAuth({ db, baseURL: 'http://localhost', secret: 'x'.repeat(32), rateLimit: false });
    return auth.api.signInEmail({ body: { email, password } });
  };

  test('creates an account through better-auth (password hashed) and adds it to a workspace with a role', async () => {
    await cli('workspace', 'create', 'acme');
    const result = await cli(
      'user',
      'create',
      '--email',
      'ada@example.com',
      '--password',
      'correct horse battery',
      '--name',
      'Ada',
      '--workspace',
      'acme',
      '--role',
      'reviewer',
    );
    expect(result).toMatchObject({ code: 0, last: 'Added ada@example.com to acme as reviewer' });
    const { db, repos } = database();
    const stored = db.$client.prepare('select password from accounts').get() as { password: string };
    expect(stored.password).not.toContain('correct horse battery');
    expect(stored.password.length).toBeGreaterThan(40);
    const { user } = await signIn('ada@example.com', 'correct horse battery');
    expect(user.name).toBe('Ada');
    expect(repos.members.roleOf(repos.workspaces.bySlug('acme')!.id, user.id)).toBe('reviewer');
  });

  test('takes the password from STAGEFLOW_PASSWORD; no workspace needed', async () => {
    env.STAGEFLOW_PASSWORD = 'another long password';
    expect((await cli('user', 'create', '--email', 'bob@example.com')).code).toBe(0);
    expect((await signIn('bob@example.com', 'another long password')).user.email).toBe('bob@example.com');
  });

  test("refuses what better-auth refuses, and options that don't go together", async () => {
    await cli('workspace', 'create', 'acme');
    const create = (...more: string[]) => cli('user', 'create', '--email', 'ada@example.com', ...more);
    expect(await create('--password', 'short')).toMatchObject({ code: 1, err: /Could not create the user: .*short/i });
    expect(await create('--password', 'correct horse battery')).toMatchObject({ code: 0 });
    expect(await create('--password', 'correct horse battery')).toMatchObject({ code: 1, err: /already exists/i });
    expect(await create('--password', 'x'.repeat(12), '--workspace', 'acme')).toMatchObject({
      code: 2,
      err: /go together/,
    });
    expect(await create('--password', 'x'.repeat(12), '--workspace', 'acme', '--role', 'boss')).toMatchObject({
      code: 2,
      err: /--role must be one of owner, admin, reviewer, viewer/,
    });
    expect(await create()).toMatchObject({ code: 2, err: /--password is required/ });
  });

  test('holds the account to the same rules as sign-up over HTTP (better-auth hooks)', async () => {
    const create = (...more: string[]) => cli('user', 'create', '--email', 'ada@example.com', ...more);
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
  const roleIn = (slug: string, email: string) => {
    const { repos } = database();
    return repos.members.roleOf(repos.workspaces.bySlug(slug)!.id, repos.members.userByEmail(email)!.id);
  };
  beforeEach(async () => {
    await cli('workspace', 'create', 'acme');
    await createUser('ada@example.com');
  });

  test('the command the server logs for a workspace without an owner makes an existing account its owner', async () => {
    expect(
      database()
        .repos.workspaces.withoutOwner()
        .map((w) => w.slug),
    ).toEqual(['acme']);
    const command = makeOwnerCommand('acme').replace('<their email>', 'Ada@Example.com');
    const [pnpm, stageflow, ...argv] = command.split(' ');
    expect([pnpm, stageflow]).toEqual(['pnpm', 'stageflow']);

    expect(await cli(...argv)).toMatchObject({ code: 0, last: 'Added ada@example.com to acme as owner' });
    expect(roleIn('acme', 'ada@example.com')).toBe('owner');
    expect(database().repos.workspaces.withoutOwner()).toEqual([]);
  });

  test("changes a member's role, and says so", async () => {
    await createUser('bob@example.com', '--workspace', 'acme', '--role', 'reviewer');
    const setRole = (role: string) =>
      cli('member', 'set-role', '--workspace', 'acme', '--email', 'bob@example.com', '--role', role);
    expect(await setRole('admin')).toMatchObject({
      code: 0,
      last: 'bob@example.com is now admin in acme (was reviewer)',
    });
    expect(await setRole('admin')).toMatchObject({ code: 0, last: 'bob@example.com already is admin in acme' });
    expect(roleIn('acme', 'bob@example.com')).toBe('admin');
  });

  test('never demotes the only owner; once another is owner, it may', async () => {
    const setRole = (email: string, role: string) =>
      cli('member', 'set-role', '--workspace', 'acme', '--email', email, '--role', role);
    await setRole('ada@example.com', 'owner');
    expect(await setRole('ada@example.com', 'admin')).toMatchObject({
      code: 1,
      err: 'ada@example.com is the only owner of acme: make another account its owner first, so it keeps one',
    });
    expect(roleIn('acme', 'ada@example.com')).toBe('owner');
    await createUser('bob@example.com');
    await setRole('bob@example.com', 'owner');
    expect(await setRole('ada@example.com', 'admin')).toMatchObject({ code: 0 });
    expect(roleIn('acme', 'ada@example.com')).toBe('admin');
  });

  test('refuses an unknown workspace, account or role, and missing options', async () => {
    const setRole = (...args: string[]) => cli('member', 'set-role', ...args);
    expect(await setRole('--workspace', 'nope', '--email', 'ada@example.com', '--role', 'owner')).toMatchObject({
      code: 1,
      err: 'No workspace with the slug "nope"',
    });
    expect(await setRole('--workspace', 'acme', '--email', 'eve@example.com', '--role', 'owner')).toMatchObject({
      code: 1,
      err: /^No account with the email eve@example\.com: create one with pnpm stageflow user create --email eve@example\.com --workspace acme --role owner$/,
    });
    expect(await setRole('--workspace', 'acme', '--email', 'ada@example.com', '--role', 'boss')).toMatchObject({
      code: 2,
      err: /--role must be one of owner, admin, reviewer, viewer/,
    });
    expect(await setRole('--workspace', 'acme', '--email', 'ada@example.com')).toMatchObject({
      code: 2,
      err: /--role is required/,
    });
  });
});

describe('db backup and restore', () => {
  test('backup copies the live database, also what is still in its write-ahead log', async () => {
    await cli('workspace', 'create', 'acme');
    // The server holds the database open; this write sits in the WAL, not yet in the main file.
    const { repos } = database();
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

    const { repos } = database();
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
    expect(database().repos.workspaces.bySlug('acme')).toBeDefined();
  });
});

test('help and unknown commands', async () => {
  expect(await cli()).toMatchObject({ code: 0, out: [expect.stringMatching(/^Usage: pnpm stageflow/)] });
  expect(await cli('workspace', 'delete', 'acme')).toMatchObject({ code: 2, err: /Unknown command: workspace delete/ });
});
