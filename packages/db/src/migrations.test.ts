import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

test('the committed migrations match the Drizzle schema, in both dialects', () => {
  const script = new URL('../scripts/check-migrations.mjs', import.meta.url).pathname;
  // Throws (and fails the test) with drizzle-kit's output when a migration is missing.
  const output = execFileSync('node', [script], { encoding: 'utf8' });
  expect(output).toContain('drizzle/: schema and migrations agree.');
  expect(output).toContain('drizzle-pg/: schema and migrations agree.');
}, 120_000);
