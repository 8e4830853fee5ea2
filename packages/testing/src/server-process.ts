/**
 * A real Stageflow server in its own process, as an operator runs it: on a free port, with a fresh
 * database in a temporary directory (served locally, so the demo workspace is seeded), ready once `GET /healthz`
 * answers 200, and stopped with SIGTERM (the graceful shutdown) before its directory is deleted.
 *
 * The app is spawned by its path, never imported: this package depends on no app.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** What `npm start` runs: the bundle `pnpm build` writes. */
export const builtServerEntry = join(repoRoot, 'apps/api/dist/main.mjs');
/** What `pnpm dev` runs, through tsx (installed in apps/api). */
export const sourceServerEntry = join(repoRoot, 'apps/api/src/main.ts');

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The server's SQLite file, for setting up rows (API keys) through the repositories. */
  readonly databasePath: string;
  /** SIGTERM, wait for the process to exit (SIGKILL after 10 s), delete the temporary directory. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would, and wait for it to exit; the directory stays until `stop()`. */
  kill(): Promise<void>;
  /** Everything the server printed so far (stdout and stderr). */
  logs(): string;
}

export interface StartServerOptions {
  /** `built` (default): `node apps/api/dist/main.mjs`; `source`: `apps/api/src/main.ts` through tsx. */
  from?: 'built' | 'source';
  /** Serve the built web app too (apps/web/dist). Default: only when running the built server. */
  web?: boolean;
  /** Extra environment (PORT and DATABASE_PATH are chosen here). */
  env?: Record<string, string>;
  /** How long to wait for `GET /healthz` to answer 200. Default 45 s. */
  timeoutMs?: number;
  /** Serve this existing database (another server's, for several processes or a restart) instead of a new one. */
  databasePath?: string;
}

/** Starts the app's server (see the module's comment) and resolves once it is healthy. */
export function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const from = options.from ?? 'built';
  if (from === 'built' && !existsSync(builtServerEntry)) {
    throw new Error(`${builtServerEntry} does not exist: build first (npm run test:e2e builds, or pnpm build).`);
  }
  const web = options.web ?? from === 'built';
  return spawnServer(from === 'built' ? [builtServerEntry] : ['--import', 'tsx', sourceServerEntry], {
    // tsx is resolved from the working directory: apps/api has it.
    cwd: from === 'built' ? repoRoot : join(repoRoot, 'apps/api'),
    env: (dataDir) => ({ ...(web ? {} : { WEB_ROOT: join(dataDir, 'no-web') }), ...options.env }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.databasePath === undefined ? {} : { databasePath: options.databasePath }),
  });
}

export interface SpawnServerOptions {
  cwd: string;
  /** Extra environment, given the temporary directory. PORT, DATABASE_PATH and PUBLIC_URL are set here. */
  env?: (dataDir: string) => Record<string, string>;
  timeoutMs?: number;
  /** An existing database instead of a new one in the temporary directory. */
  databasePath?: string;
}

/**
 * `node <args>` as a server: PORT is a free port, DATABASE_PATH a file in a new temporary directory,
 * PUBLIC_URL the URL it is reached at (better-auth accepts requests only from the origin it serves),
 * LOG_LEVEL `warn` unless set. Resolves once `GET /healthz` answers 200; rejects with the server's
 * output if it exits first or takes longer than `timeoutMs` (the process stopped, the directory gone).
 */
export async function spawnServer(args: readonly string[], options: SpawnServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'stageflow-test-'));
  const databasePath = options.databasePath ?? join(dataDir, 'stageflow.db');
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: {
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      PUBLIC_URL: url,
      ...options.env?.(dataDir),
      PORT: String(port),
      DATABASE_PATH: databasePath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    await terminate(child, exited);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealthy(url, exited, options.timeoutMs ?? 45_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return { url, databasePath, stop, kill, logs: () => output };
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port was assigned')),
      );
    });
  });
}

/** Polls `GET <url>/healthz` until it answers 200; fails at once if `exited` settles first. */
export async function waitForHealthy(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The server exited with code ${exitCode} before it was ready.`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms.`);
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`; resolves once it has. */
export async function terminate(child: ChildProcess, exited: Promise<number | null>, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
