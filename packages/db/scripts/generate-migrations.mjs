// `pnpm db:generate [--name <name>]`: writes the migration for a schema change in both dialects at once
// (drizzle/ for SQLite, drizzle-pg/ for PostgreSQL), so neither folder falls behind the schema.
import { execFileSync } from 'node:child_process';
import { DIALECTS } from './dialects.mjs';

const pkg = new URL('..', import.meta.url).pathname;
for (const { config } of DIALECTS) {
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', config, ...process.argv.slice(2)], {
    cwd: pkg,
    stdio: 'inherit',
  });
}
