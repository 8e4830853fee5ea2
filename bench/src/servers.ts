/**
 * Starting the bench servers: bundled once with esbuild the way apps/api/scripts/build.mjs bundles
 * the shipped server (workspace TypeScript in, npm packages external), then forked under
 * `taskset -c 0` with an IPC channel, while the runner and its load generator stay on core 1.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { RunnerMessage, ServerMessage } from './server/ipc.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const outdir = fileURLToPath(new URL('../tmp/servers/', import.meta.url));

export type ServerKind = 'stageflow' | 'b0' | 'b1' | 'b1-pg' | 'b2';

export async function bundleServers(): Promise<void> {
  await build({
    entryPoints: (['stageflow', 'b0', 'b1', 'b1-pg', 'b2'] as const).map((k) =>
      fileURLToPath(new URL(`server/${k}.ts`, import.meta.url)),
    ),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    plugins: [
      {
        // npm packages stay external, as in the shipped build, but by absolute path: the bundles live
        // in bench/tmp, and each import must load the very file it would from the importing package.
        name: 'external-npm-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.path.startsWith('@stageflow/') || args.pluginData === 'resolving') return undefined;
            const found = await b.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              importer: args.importer,
              pluginData: 'resolving',
            });
            if (found.errors.length > 0) return { errors: found.errors };
            return { path: found.path, external: true };
          });
        },
      },
    ],
    logLevel: 'warning',
  });
}

/** Whether the two cores can be split (`taskset` present, two or more CPUs). */
export const canPin = (() => {
  if (process.platform !== 'linux' || availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The runner (and with it autocannon) on core 1, every thread. */
export function pinRunner(): void {
  if (canPin) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
}

export interface CpuReading {
  readonly user: number;
  readonly system: number;
  readonly rss: number;
}

export interface RunningServer {
  readonly kind: ServerKind;
  readonly url: string;
  /** The server process's own CPU time so far (µs, all threads). */
  cpu(): Promise<CpuReading>;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Write a V8 CPU profile of the server to this folder when it stops (`node --cpu-prof`). */
  readonly profileDir?: string | undefined;
  /** The core it is pinned to: 0 unless a second server process of the PostgreSQL run takes core 1. */
  readonly core?: number;
}

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<RunningServer> {
  const node = [
    ...(options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : []),
    '--enable-source-maps',
    `${outdir}${kind}.mjs`,
    ...(options.args ?? []),
  ];
  const [command, args] = canPin
    ? ['taskset', ['-c', String(options.core ?? 0), process.execPath, ...node]]
    : [process.execPath, node];
  // Logs go where a production process would send them, minus the disk: every line is still
  // formatted and written, by the server, on its core.
  const devNull = openSync('/dev/null', 'w');
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, BENCH_REPO_ROOT: repoRoot, ...options.env },
    stdio: ['ignore', devNull, 'inherit', 'ipc'],
  });
  closeSync(devNull); // the child holds its own copy
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: ServerMessage) => (m.type === 'ready' ? resolve(m.port) : reject(new Error(String(m)))));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code} before listening`)));
  });
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    cpu: () => ask(child),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies RunnerMessage);
      }),
  };
}

function ask(child: ChildProcess): Promise<CpuReading> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ServerMessage) => {
      if (m.type !== 'cpu') return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    if (!child.send({ type: 'cpu' } satisfies RunnerMessage)) reject(new Error('server channel closed'));
  });
}
