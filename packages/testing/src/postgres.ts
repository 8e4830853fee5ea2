/**
 * A throwaway PostgreSQL for tests (docs/architecture.md#postgresql). With TEST_DATABASE_URL set, that
 * server is used and each `startPostgres` gets databases of its own, dropped at `stop()`. Otherwise a
 * cluster of its own is made from the installed binaries (Debian's /usr/lib/postgresql/<version>/bin, or
 * PG_BIN) in a temporary folder, on a free local port with trust auth, and removed at `stop()`. PostgreSQL
 * refuses to run as root, so as root the folder is handed to the `postgres` user and the binaries run as it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.ts';

export interface TestPostgres {
  /** A `postgres://` URL of an empty database, ready for migrations. */
  readonly url: string;
  /**
   * Another database on the same server: empty, or a copy of `template`, the URL of a database on this server
   * that nobody is connected to (one migrated once, say: PostgreSQL copies its files, far faster than migrating).
   */
  newDatabase(options?: { readonly template?: string }): Promise<string>;
  /** Drops a database `newDatabase` made, closing whatever is still connected to it. */
  dropDatabase(url: string): Promise<void>;
  /** Drops what it made: the databases on TEST_DATABASE_URL, or the whole cluster and its folder. */
  stop(): Promise<void>;
}

const DEBIAN_BINARIES = '/usr/lib/postgresql';

/** The folder holding initdb, pg_ctl and postgres: PG_BIN, or the newest Debian-installed version. */
function binaries(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined;
  if (!existsSync(DEBIAN_BINARIES)) return undefined;
  const versions = readdirSync(DEBIAN_BINARIES)
    .filter((v) => existsSync(join(DEBIAN_BINARIES, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(DEBIAN_BINARIES, versions[0], 'bin');
}

/**
 * Why PostgreSQL tests cannot run here, or undefined when they can. On CI (`CI` set) it is always
 * undefined, so a missing PostgreSQL fails the tests instead of skipping them (.ci/run installs it).
 */
export function postgresUnavailable(): string | undefined {
  if (process.env.TEST_DATABASE_URL || process.env.CI || binaries()) return undefined;
  return `PostgreSQL tests skipped: no TEST_DATABASE_URL and no PostgreSQL binaries (${DEBIAN_BINARIES}/<version>/bin or PG_BIN). Install PostgreSQL (apt-get install postgresql) or set TEST_DATABASE_URL.`;
}

const databaseName = () => `stageflow_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;

/** Runs SQL on the server's maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/**
 * Makes a database, empty or copied from a template; names are ours (`databaseName`) or a URL's. A copy is made
 * file by file (`STRATEGY FILE_COPY`, PostgreSQL 15 on; older servers copy so anyway): some 25 ms for a migrated
 * database on a test server, where PostgreSQL 15's default, writing the copy to the WAL, takes half a second.
 */
async function createDatabase(serverUrl: string, name: string, options: { readonly template?: string } = {}) {
  if (!options.template) return onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const copy = `CREATE DATABASE "${name}" TEMPLATE "${databaseOf(options.template)}"`;
  await onServer(serverUrl, `${copy} STRATEGY FILE_COPY`).catch((error: { code?: string }) => {
    // 42601, a syntax error: a server before 15, which knows no STRATEGY.
    if (error.code !== '42601') throw error;
    return onServer(serverUrl, copy);
  });
}
const dropDatabase = (url: string) => `DROP DATABASE IF EXISTS "${databaseOf(url)}" WITH (FORCE)`;

export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  return external ? onExternalServer(external) : startCluster();
}

async function onExternalServer(serverUrl: string): Promise<TestPostgres> {
  const made = new Set<string>();
  const newDatabase = async (options?: { readonly template?: string }) => {
    const name = databaseName();
    await createDatabase(serverUrl, name, options);
    const url = withDatabase(serverUrl, name);
    made.add(url);
    return url;
  };
  const drop = async (url: string) => {
    made.delete(url);
    await onServer(serverUrl, dropDatabase(url));
  };
  const url = await newDatabase();
  return {
    url,
    newDatabase,
    dropDatabase: drop,
    async stop() {
      for (const url of [...made]) await drop(url);
    },
  };
}

async function startCluster(): Promise<TestPostgres> {
  const bin = binaries();
  if (!bin) throw new Error(postgresUnavailable() ?? 'No PostgreSQL binaries found');
  const asRoot = process.getuid?.() === 0;
  // As root, every binary runs as `postgres`, which must own the folder.
  const run = (binary: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(bin, binary),
      asRoot ? ['-u', 'postgres', '--', join(bin, binary), ...args] : args,
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      },
    );
  const folder = mkdtempSync(join(tmpdir(), 'stageflow-pg-'));
  chmodSync(folder, 0o700);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(folder, uid, gid);
  }
  const data = join(folder, 'data');
  const log = join(folder, 'server.log');
  const port = await freePort();
  let started = false;
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Durability settings off: the cluster lives for one test file.
    const options = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${folder}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
    started = true;
  } catch (error) {
    const output = existsSync(log) ? readFileSync(log, 'utf8') : '';
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`Could not start PostgreSQL: ${(error as Error).message}\n${output}`);
  }
  const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const newDatabase = async (options?: { readonly template?: string }) => {
    const name = databaseName();
    await createDatabase(serverUrl, name, options);
    return withDatabase(serverUrl, name);
  };
  const stop = async () => {
    try {
      if (started) run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
  const url = await newDatabase().catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, newDatabase, dropDatabase: (url) => onServer(serverUrl, dropDatabase(url)), stop };
}
