// Fails when the Drizzle schema and the committed migrations disagree: generates into a scratch
// copy of drizzle/ and checks that drizzle-kit found nothing new to write.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

const pkg = new URL('..', import.meta.url).pathname;
// drizzle-kit only takes an `out` relative to the package, so the scratch copy lives inside it.
const scratch = mkdtempSync(join(pkg, '.migrations-check-'));
try {
  cpSync(join(pkg, 'drizzle'), scratch, { recursive: true });
  const run = (args, env = {}) =>
    execFileSync('npx', ['drizzle-kit', ...args], { cwd: pkg, env: { ...process.env, ...env }, encoding: 'utf8' });
  run(['check']);
  const output = run(['generate'], { DRIZZLE_OUT: `./${basename(scratch)}` });
  if (!output.includes('No schema changes')) {
    console.error(output);
    console.error('The Drizzle schema and the committed migrations disagree: run `pnpm db:generate` and commit.');
    process.exit(1);
  }
  console.log('Schema and migrations agree.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
