// Fails when a Drizzle schema and its committed migrations disagree, for each dialect (SQLite: drizzle/,
// PostgreSQL: drizzle-pg/, docs/decisions/033-postgresql-second-engine.md): generates into a scratch copy
// of the folder and checks that drizzle-kit found nothing new to write.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DIALECTS } from './dialects.mjs';

const pkg = new URL('..', import.meta.url).pathname;
let drifted = false;
for (const { config, folder } of DIALECTS) {
  // drizzle-kit only takes an `out` relative to the package, so the scratch copy lives inside it.
  const scratch = mkdtempSync(join(pkg, '.migrations-check-'));
  try {
    cpSync(join(pkg, folder), scratch, { recursive: true });
    const run = (args, env = {}) =>
      execFileSync('npx', ['drizzle-kit', ...args, '--config', config], {
        cwd: pkg,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
    run(['check']);
    const output = run(['generate'], { DRIZZLE_OUT: `./${basename(scratch)}` });
    if (!output.includes('No schema changes')) {
      console.error(output);
      console.error(`${folder}/ disagrees with the Drizzle schema: run \`pnpm db:generate\` and commit.`);
      drifted = true;
    } else {
      console.log(`${folder}/: schema and migrations agree.`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
if (drifted) process.exit(1);
