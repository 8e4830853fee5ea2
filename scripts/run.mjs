#!/usr/bin/env node
// `npm start`, `npm test` and `npm run test:e2e` on a machine with only Node.js 20 and npm:
// finds pnpm (or runs the pinned one through npx), installs, then builds / serves / tests.
// Plain Node, no dependencies.
//
//   node scripts/run.mjs start      install, build api + web, serve on PORT (default 3000)
//   node scripts/run.mjs test       install, every unit/integration/API test, migrations check, typecheck
//   node scripts/run.mjs test:e2e   install, Chromium check, build, browser tests
//
// STAGEFLOW_VITEST_JSON=<file> also writes Vitest's JSON report there (.ci/run sums them up).
// STAGEFLOW_TEST_RETRIES=<n> runs a failing test up to n more times (.ci/run: 1, and its summary names each
// test that passed only on another try, so a flaky test is seen without stopping a landing).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.4.2';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const isWindows = process.platform === 'win32';

const commands = { start, test, 'test:e2e': testE2e };
const command = commands[process.argv[2]];
if (!command) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}
await command();

async function start() {
  const pnpm = install();
  build(pnpm);
  step('Serve (node apps/api/dist/main.mjs)');
  const child = spawn(process.execPath, ['apps/api/dist/main.mjs'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

function test() {
  const pnpm = install();
  const failed = [
    check('Unit, integration and API tests (vitest, every project but e2e)', () =>
      run(pnpm, ['exec', 'vitest', 'run', '--project', '!e2e', ...jsonReport(), ...retries()]),
    ),
    check('Migrations match the schema (db:check)', () => run(pnpm, ['--filter', '@stageflow/db', 'db:check'])),
    check('Typecheck', () => run(pnpm, ['typecheck'])),
  ].filter(Boolean);
  finish(failed);
}

function testE2e() {
  ensureChromium();
  const pnpm = install();
  build(pnpm);
  const failed = [
    check('Browser tests (vitest --project e2e, Chromium)', () =>
      run(pnpm, ['exec', 'vitest', 'run', '--project', 'e2e', ...jsonReport(), ...retries()]),
    ),
  ].filter(Boolean);
  finish(failed);
}

// --- steps ---------------------------------------------------------------------------------------

/** Finds pnpm, installs the workspace's dependencies, and returns the pnpm command to use. */
function install() {
  step('pnpm');
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: isWindows });
  const pnpm =
    onPath.status === 0 && onPath.stdout.trim() === PNPM_VERSION ? ['pnpm'] : ['npx', '-y', `pnpm@${PNPM_VERSION}`];
  console.log(`using: ${pnpm.join(' ')}`);

  step('Install dependencies');
  const frozen = existsSync(new URL('../pnpm-lock.yaml', import.meta.url));
  mustRun(pnpm, frozen ? ['install', '--frozen-lockfile'] : ['install']);
  return pnpm;
}

function build(pnpm) {
  step('Build api + web (turbo)');
  mustRun(pnpm, ['exec', 'turbo', 'run', 'build', '--filter=@stageflow/api', '--filter=@stageflow/web']);
}

function ensureChromium() {
  step(`Chromium (${CHROMIUM})`);
  if (existsSync(CHROMIUM)) return console.log('found');
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canApt) {
    fail(`Chromium is missing at ${CHROMIUM}. Install Debian's chromium: sudo apt-get install -y chromium`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  mustRun(['apt-get'], ['update'], { env });
  mustRun(['apt-get'], ['install', '-y', 'chromium'], { env });
  if (!existsSync(CHROMIUM)) fail(`apt-get installed chromium but ${CHROMIUM} is still missing.`);
}

// --- helpers -------------------------------------------------------------------------------------

function jsonReport() {
  const file = process.env.STAGEFLOW_VITEST_JSON;
  return file ? ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`] : [];
}

function retries() {
  const n = process.env.STAGEFLOW_TEST_RETRIES;
  return n ? ['--retry', n] : [];
}

function step(title) {
  console.log(`\n━━ ${title}`);
}

/** Runs a step that may fail without stopping the others; returns its title when it failed. */
function check(title, body) {
  step(title);
  const ok = body() === 0;
  console.log(ok ? `✓ ${title}` : `✗ ${title}`);
  return ok ? null : title;
}

function finish(failed) {
  if (failed.length > 0) {
    console.error(`\nFailed:\n${failed.map((title) => `  ✗ ${title}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nAll steps passed.');
}

function run([cmd, ...prefix], args, options = {}) {
  console.log(`$ ${[cmd, ...prefix, ...args].join(' ')}`);
  const result = spawnSync(cmd, [...prefix, ...args], { cwd: root, stdio: 'inherit', shell: isWindows, ...options });
  if (result.error) console.error(result.error.message);
  return result.status ?? 1;
}

function mustRun(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) fail(`\`${[...cmd, ...args].join(' ')}\` exited with code ${status}.`);
}

function fail(message) {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}
