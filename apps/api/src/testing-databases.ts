import { randomUUID } from 'node:crypto';
import { postgresUnavailable, type RunningServer, startPostgres, startServer } from '@stageflow/testing';
import { runCli } from './cli/cli.ts';

/** The engines a multi-process test runs on; PostgreSQL only where a server can be started (`postgresUnavailable`). */
export const ENGINES = [
  { engine: 'sqlite', skip: undefined },
  { engine: 'postgres', skip: postgresUnavailable() },
] as const;
export type EngineName = (typeof ENGINES)[number]['engine'];

/**
 * One database that real server processes share in a test, as behind a load balancer (docs/architecture.md#postgresql):
 * a SQLite file the first process makes, or a database on a throwaway PostgreSQL server.
 */
export interface SharedDatabase {
  /** Starts a server process on the database. */
  start(env: Record<string, string>): Promise<RunningServer>;
  /** A new workspace and a key with every scope in it, made as an operator makes them: with the CLI. */
  apiKey(name: string): Promise<string>;
  /** Stops every process started on it (the latest first), then removes the database. */
  stop(): Promise<void>;
}

/** Every process shares one sign-in secret, as a deployment's processes do. */
const AUTH_SECRET = 'shared-database-test-secret-0123456789';

export async function sharedDatabase(engine: EngineName): Promise<SharedDatabase> {
  const servers: RunningServer[] = [];
  const postgres = engine === 'postgres' ? await startPostgres() : undefined;
  // On SQLite the file is in the first process's directory, which stays until that process is stopped.
  const where = (): Record<string, string> => {
    if (postgres) return { DATABASE_URL: postgres.url };
    const first = servers[0];
    if (!first) throw new Error('Start a server first: on SQLite it makes the database file');
    return { DATABASE_PATH: first.databasePath };
  };
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd: process.cwd() };
    const code = await runCli(argv, { ...io, env: { ...where(), AUTH_SECRET } });
    if (code !== 0) throw new Error(`stageflow ${argv.join(' ')} failed (${code}): ${err.join('\n')}`);
    return out.at(-1) ?? '';
  };

  return {
    async start(env) {
      const first = servers[0];
      const server = await startServer({
        from: 'source',
        env: { ...env, AUTH_SECRET, ...(postgres ? { DATABASE_URL: postgres.url } : {}) },
        ...(!postgres && first ? { databasePath: first.databasePath } : {}),
      });
      servers.push(server);
      return server;
    },
    async apiKey(name) {
      const slug = `${name}-${randomUUID().slice(0, 8)}`;
      await cli('workspace', 'create', slug);
      return cli('api-key', 'create', '--workspace', slug, '--name', `${name} test`);
    },
    async stop() {
      for (const server of servers.splice(0).reverse()) await server.stop();
      await postgres?.stop();
    },
  };
}
