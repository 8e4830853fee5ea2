/**
 * `pnpm stageflow <command>`: operator tasks on the database the server uses: PostgreSQL when DATABASE_URL is
 * set, else the SQLite file DATABASE_PATH (../database.ts). Each command is written once over the engine-neutral
 * reads, storage port and better-auth (docs/decisions/036-reads-on-either-engine.md), and is a function of its
 * arguments and environment, so tests run them against a temporary database on either engine.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  backupDatabaseFile,
  closeDb,
  createDb,
  createRepositories,
  createSqliteStorage,
  type Db,
  databaseFileProblem,
  migrateDb,
  type Reads,
  type StoragePort,
} from '@stageflow/db';
import {
  CopyRefused,
  closePgDb,
  copySqliteToPostgres,
  createPgDb,
  createPgReads,
  createPgStorage,
  isPostgresUrl,
  migratePgDb,
  type PgDb,
} from '@stageflow/db/postgres';
import {
  API_KEY_SCOPES,
  ApiKeyScopeChoice,
  assignRole,
  CreateApiKeyInput,
  CreateWorkspaceInput,
  isRole,
  ROLES,
  workspaceSlugTaken,
} from '@stageflow/domain';
import { createAuth, describeIssues, fieldIssues, issueApiKey, loadAuthSecret } from '@stageflow/server';
import type { z } from 'zod';
import { databasePathOf, databaseUrlOf, postgresSecretFile } from '../database.ts';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Where relative file arguments are read from: the directory the operator ran the command in. */
  readonly cwd: string;
}

export const USAGE = `Usage: pnpm stageflow <command>

  workspace create <slug> [--name <name>]
  api-key create --workspace <slug> --name <name> [--scopes a,b|all]   (prints the key alone on its last line)
  user create --email <email> --password <password> [--name <name>] [--workspace <slug> --role <role>]
  member set-role --workspace <slug> --email <email> --role <role>   (adds the account if it is not a member)
  db backup <file>      a consistent copy of the live SQLite database (safe while the server runs)
  db restore <file>     replaces the SQLite database with a backup: stop the server first
  db copy --to <postgres://…> [--from <file>]
                        copies the SQLite database (--from, default DATABASE_PATH) into an empty PostgreSQL
                        database, to run the server on: every row, in one transaction, counts checked

The database is the server's: DATABASE_URL (postgres://…) when set, migrated first as the server does at
start; otherwise DATABASE_PATH (default data/stageflow.db, relative to the repository root). On PostgreSQL,
back up and restore with pg_dump and pg_restore.
user create also reads the password from STAGEFLOW_PASSWORD, keeping it out of the shell history.`;

/** A mistake in what the operator typed (exit code 2), or a refusal (exit code 1). */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
const usageError = (message: string) => new CliError(`${message}\n\n${USAGE}`, 2);

/** Runs one command; returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [group, action, ...rest] = argv;
    if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
      io.out(USAGE);
      return 0;
    }
    const command = COMMANDS[`${group} ${action ?? ''}`];
    if (!command) throw usageError(`Unknown command: ${[group, action].filter(Boolean).join(' ')}`);
    await command(rest, io);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`Failed: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

type Command = (args: string[], io: CliIo) => Promise<void> | void;

const COMMANDS: Record<string, Command> = {
  'workspace create': workspaceCreate,
  'api-key create': apiKeyCreate,
  'user create': userCreate,
  'member set-role': memberSetRole,
  'db backup': dbBackup,
  'db restore': dbRestore,
  'db copy': dbCopy,
};

function parse<const O extends Record<string, { type: 'string' }>>(args: string[], options: O, positionals = 0) {
  let parsed: { values: Partial<Record<keyof O, string>>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: positionals > 0, strict: true }) as typeof parsed;
  } catch (error) {
    throw usageError((error as Error).message);
  }
  if (parsed.positionals.length !== positionals) {
    throw usageError(
      `Expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}`,
    );
  }
  return parsed;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw usageError(`--${flag} is required`);
  return value;
}

/** The same input schemas as the API, with its wording. */
function check<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new CliError(describeIssues(fieldIssues(result.error) ?? []));
  return result.data;
}

/** The PostgreSQL URL the server would run on (DATABASE_URL), undefined for SQLite; a wrong one is refused. */
function postgresUrlOf(io: CliIo): string | undefined {
  const database = databaseUrlOf(io.env);
  if ('problem' in database) throw new CliError(database.problem);
  return database.url;
}

/** The server's database as a command sees it, the same on either engine. */
interface Database {
  readonly reads: Reads;
  readonly storage: StoragePort;
  /** Where better-auth keeps accounts and sessions. */
  readonly authDb: Db | PgDb;
  /** The sign-in secret the server uses on this database (AUTH_SECRET, else its secret file). */
  authSecret(): string;
}

/**
 * The server's database, created and migrated if it is new (as the server does at start): PostgreSQL when
 * DATABASE_URL is set, else the SQLite file.
 */
async function withDatabase<T>(io: CliIo, work: (database: Database) => Promise<T> | T): Promise<T> {
  const url = postgresUrlOf(io);
  // As the server: AUTH_SECRET, else the secret file it keeps for this engine (made if new).
  const secret = (file: string) => {
    if (io.env.AUTH_SECRET) return io.env.AUTH_SECRET;
    mkdirSync(dirname(file), { recursive: true });
    return loadAuthSecret(file);
  };
  if (url) {
    const pg = createPgDb(url);
    try {
      await migratePgDb(pg);
      return await work({
        reads: createPgReads(pg),
        storage: createPgStorage(pg),
        authDb: pg,
        authSecret: () => secret(postgresSecretFile),
      });
    } finally {
      await closePgDb(pg);
    }
  }
  const path = databasePathOf(io.env);
  mkdirSync(dirname(path), { recursive: true });
  const db = createDb(path);
  try {
    migrateDb(db);
    const repos = createRepositories(db);
    return await work({
      reads: repos,
      storage: createSqliteStorage(db, repos),
      authDb: db,
      authSecret: () => secret(path),
    });
  } finally {
    closeDb(db);
  }
}

/** The workspace with the slug, or the refusal the commands share. */
async function workspaceOf(reads: Reads, slug: string) {
  const workspace = await reads.workspaces.bySlug(slug);
  if (!workspace) throw new CliError(`No workspace with the slug "${slug}"`);
  return workspace;
}

function workspaceCreate(args: string[], io: CliIo) {
  const { values, positionals } = parse(args, { name: { type: 'string' } }, 1);
  const slug = positionals[0]!;
  const input = check(CreateWorkspaceInput, { slug, name: values.name ?? slug });
  return withDatabase(io, async ({ reads }) => {
    if (await reads.workspaces.bySlug(input.slug)) throw new CliError(workspaceSlugTaken(input.slug).message);
    const workspace = await reads.workspaces.insert({ id: crypto.randomUUID(), ...input });
    io.out(`Created workspace ${workspace.name} (${workspace.slug}), id ${workspace.id}`);
  });
}

function apiKeyCreate(args: string[], io: CliIo) {
  const { values } = parse(args, {
    workspace: { type: 'string' },
    name: { type: 'string' },
    scopes: { type: 'string' },
  });
  const slug = required(values.workspace, 'workspace');
  const scopes = (values.scopes ?? 'all')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !ApiKeyScopeChoice.safeParse(s).success);
  if (unknown.length > 0) {
    throw new CliError(
      `Unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Use all, or some of: ${API_KEY_SCOPES.join(', ')}`,
    );
  }
  const input = check(CreateApiKeyInput, { name: required(values.name, 'name'), scopes });
  return withDatabase(io, async ({ reads, storage }) => {
    const workspace = await workspaceOf(reads, slug);
    const operator = {
      storage,
      workspaceId: workspace.id,
      actor: 'cli',
      now: () => new Date().toISOString(),
      newId: () => crypto.randomUUID(),
    };
    const { key, summary } = await issueApiKey(operator, input);
    io.out(
      `Created API key "${summary.name}" (${summary.prefix}…) in ${workspace.slug} with ${summary.scopes.join(', ')}.`,
    );
    io.out('It is shown only now: store it somewhere safe. Send it as the x-api-key header.');
    io.out(key);
  });
}

async function userCreate(args: string[], io: CliIo) {
  const { values } = parse(args, {
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    workspace: { type: 'string' },
    role: { type: 'string' },
  });
  const email = required(values.email, 'email').trim();
  const password = values.password ?? io.env.STAGEFLOW_PASSWORD;
  if (!password) throw usageError('--password is required (or set STAGEFLOW_PASSWORD)');
  if ((values.workspace === undefined) !== (values.role === undefined)) {
    throw usageError('--workspace and --role go together');
  }
  const role = values.role;
  if (role !== undefined && !isRole(role)) throw usageError(`--role must be one of ${ROLES.join(', ')}`);
  await withDatabase(io, async ({ reads, authDb, authSecret }) => {
    const workspace = values.workspace === undefined ? undefined : await workspaceOf(reads, values.workspace);
    const auth = createAuth({
      db: authDb,
      members: reads.members,
      baseURL: io.env.PUBLIC_URL ?? `http://localhost:${io.env.PORT ?? 3000}`,
      secret: authSecret(),
      rateLimit: false,
    });
    // better-auth hashes the password (scrypt); its hooks hold the name and the password to the domain's
    // rules (packages/server/src/auth/account-rules.ts), and it keeps the email unique.
    const { user } = await auth.api
      .signUpEmail({ body: { email, password, name: values.name ?? email.split('@')[0] ?? email } })
      .catch((error: unknown) => {
        throw new CliError(`Could not create the user: ${(error as Error).message}`);
      });
    // Signing up also signs in; nobody holds that session's cookie, so better-auth deletes it (on either engine).
    await (await auth.$context).internalAdapter.deleteUserSessions(user.id);
    io.out(`Created user ${user.email}, id ${user.id}`);
    if (workspace && role) {
      await reads.members.add({ id: crypto.randomUUID(), workspaceId: workspace.id, userId: user.id, role });
      io.out(`Added ${user.email} to ${workspace.slug} as ${role}`);
    }
  });
}

/**
 * Gives an existing account a role in a workspace, adding it as a member if it is not one: how an
 * operator makes someone the owner of a workspace that has none (the server warns at start). Refuses
 * to demote the last owner, which would leave the workspace without one: the domain's `assignRole`, decided
 * inside the storage port's one transaction, so two changes at once cannot both pass it.
 */
function memberSetRole(args: string[], io: CliIo) {
  const { values } = parse(args, {
    workspace: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
  });
  const slug = required(values.workspace, 'workspace');
  const email = required(values.email, 'email');
  const role = required(values.role, 'role');
  if (!isRole(role)) throw usageError(`--role must be one of ${ROLES.join(', ')}`);
  return withDatabase(io, async ({ reads, storage }) => {
    const workspace = await workspaceOf(reads, slug);
    const user = await reads.members.userByEmail(email);
    if (!user) {
      throw new CliError(
        `No account with the email ${email}: create one with pnpm stageflow user create --email ${email} --workspace ${slug} --role ${role}`,
      );
    }
    const assigned = await storage.members.setRole(workspace.id, user.id, crypto.randomUUID(), (membership) =>
      assignRole(membership, role),
    );
    switch (assigned.outcome) {
      case 'unchanged':
        io.out(`${user.email} already is ${role} in ${workspace.slug}`);
        return;
      case 'only_owner':
        throw new CliError(
          `${user.email} is the only owner of ${workspace.slug}: make another account its owner first, so it keeps one`,
        );
      case 'added':
        io.out(`Added ${user.email} to ${workspace.slug} as ${role}`);
        return;
      case 'changed':
        io.out(`${user.email} is now ${role} in ${workspace.slug} (was ${assigned.was})`);
        return;
    }
  });
}

/** Backup and restore copy the SQLite file; a PostgreSQL database has its own tools. */
function refuseOnPostgres(io: CliIo, what: string) {
  if (postgresUrlOf(io)) {
    throw new CliError(
      `db ${what} is for the SQLite file (DATABASE_PATH), and DATABASE_URL is set: on PostgreSQL, use pg_dump to back up (pg_dump --format=custom --file stageflow.dump "$DATABASE_URL") and pg_restore to restore`,
    );
  }
}

async function dbBackup(args: string[], io: CliIo) {
  const { positionals } = parse(args, {}, 1);
  refuseOnPostgres(io, 'backup');
  const source = databasePathOf(io.env);
  const target = resolve(io.cwd, positionals[0]!);
  if (!existsSync(source)) throw new CliError(`There is no database at ${source}`);
  if (existsSync(target)) throw new CliError(`${target} already exists: choose a new file name`);
  mkdirSync(dirname(target), { recursive: true });
  // SQLite's online backup: a consistent snapshot, also of a database the server is writing to.
  await backupDatabaseFile(source, target);
  io.out(`Backed up ${source} to ${target} (${statSync(target).size} bytes)`);
}

async function dbRestore(args: string[], io: CliIo) {
  const { positionals } = parse(args, {}, 1);
  refuseOnPostgres(io, 'restore');
  const source = resolve(io.cwd, positionals[0]!);
  const target = databasePathOf(io.env);
  if (source === target) throw new CliError('The backup is the database itself');
  const problem = databaseFileProblem(source);
  if (problem) throw new CliError(problem);
  io.err(
    'Warning: restoring replaces the whole database. The server must be stopped now: a running server would keep writing to the old file.',
  );
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target)) {
    const keep = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await backupDatabaseFile(target, keep);
    io.out(`Kept the current database as ${keep}`);
  }
  // A stale write-ahead log beside the new file would be replayed into it: remove the old one first.
  for (const file of [target, `${target}-wal`, `${target}-shm`]) rmSync(file, { force: true });
  await backupDatabaseFile(source, target);
  io.out(`Restored ${source} to ${target}. Start the server again; it applies any newer migrations.`);
}

/** A URL fit to print: the password, if any, masked. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the --to URL';
  }
}

/** docs/architecture.md#postgresql: the way from SQLite to PostgreSQL, for the server to run on it. */
async function dbCopy(args: string[], io: CliIo) {
  const { values } = parse(args, { to: { type: 'string' }, from: { type: 'string' } });
  const to = required(values.to, 'to');
  if (!isPostgresUrl(to))
    throw usageError('--to must be a PostgreSQL URL (postgres://user:password@host:5432/database)');
  const from = values.from === undefined ? databasePathOf(io.env) : resolve(io.cwd, values.from);
  const problem = databaseFileProblem(from);
  if (problem) throw new CliError(problem);
  // The copy reads a snapshot, never the file itself: a backup is left as it is, and a server still running on
  // the live database keeps writing meanwhile. The PostgreSQL schema is the newest one, so the snapshot is
  // brought up to it first, as a server start would.
  const workDir = mkdtempSync(join(tmpdir(), 'stageflow-copy-'));
  const snapshot = join(workDir, 'source.db');
  const live = createDb(from);
  try {
    await live.$client.backup(snapshot);
  } finally {
    closeDb(live);
  }
  const source = createDb(snapshot);
  const target = createPgDb(to);
  try {
    migrateDb(source);
    io.out(`Copying ${from} to ${withoutPassword(to)} …`);
    const copied = await copySqliteToPostgres(source, target);
    const width = Math.max(...copied.map((t) => t.table.length));
    for (const { table, rows } of copied) io.out(`  ${table.padEnd(width)}  ${rows}`);
    const total = copied.reduce((sum, t) => sum + t.rows, 0);
    io.out(`Copied ${total} rows in ${copied.length} tables; every count matches.`);
  } catch (error) {
    if (error instanceof CopyRefused) throw new CliError(error.message);
    throw error;
  } finally {
    closeDb(source);
    rmSync(workDir, { recursive: true, force: true });
    await closePgDb(target);
  }
}
