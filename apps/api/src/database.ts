/**
 * Which database the server (main.ts) and the operators' CLI (cli/cli.ts) use, read from the environment the same
 * way by both (README, Settings and "Running on PostgreSQL"): DATABASE_URL=postgres://… names a PostgreSQL
 * database; without it, the SQLite file DATABASE_PATH. Paths are resolved from the repository root, so
 * `npm start`, `node apps/api/dist/main.mjs` and `pnpm stageflow` agree wherever they are run from (this file and
 * the bundle lie at the same depth).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPostgresUrl } from '@stageflow/db/postgres';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The SQLite file: DATABASE_PATH, relative to the repository root. */
export const databasePathOf = (env: NodeJS.ProcessEnv) => resolve(repoRoot, env.DATABASE_PATH ?? 'data/stageflow.db');

/**
 * On PostgreSQL, where the sign-in secret is kept when AUTH_SECRET is not set (`loadAuthSecret` adds
 * `.auth-secret`): beside the SQLite file's usual place, so the processes on one machine share it.
 */
export const postgresSecretFile = resolve(repoRoot, 'data/postgres');

/** DATABASE_URL: a PostgreSQL URL, none (SQLite), or a value that is neither, refused with a `problem` to print. */
export function databaseUrlOf(
  env: NodeJS.ProcessEnv,
): { readonly url: string | undefined } | { readonly problem: string } {
  const url = env.DATABASE_URL?.trim() || undefined;
  if (url && !isPostgresUrl(url)) {
    return {
      problem:
        'DATABASE_URL must start with postgres:// or postgresql:// (unset it to use the SQLite file, DATABASE_PATH)',
    };
  }
  return { url };
}
