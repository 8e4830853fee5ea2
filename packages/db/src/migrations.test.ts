import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

test('the committed migrations match the Drizzle schema', () => {
  const script = new URL('../scripts/check-migrations.mjs', import.meta.url).pathname;
  // Throws (and fails the test) with drizzle-kit's output when a migration is missing.
  expect(execFileSync('node', [script], { encoding: 'utf8' })).toContain('Schema and migrations agree.');
}, 60_000);
