// The browser-test harness: start the built app the way `npm start` runs it, drive it with Debian's
// Chromium through playwright-core, and keep screenshots under apps/web/test-results/.
//
//   const app = await startApp();          // { url, stop(), logs() }
//   const browser = await launchBrowser();  // a playwright-core Browser
//   const page = await browser.newPage();
//   await page.goto(app.url);
//   await signIn(page, app);               // the demo account, through the sign-in page
//   await saveScreenshot(page, 'pipeline');
//   await browser.close(); await app.stop();
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const serverEntry = join(repoRoot, 'apps/api/dist/main.mjs');
export const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningApp {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** SIGTERM, wait for the process to exit, delete its temporary database. */
  stop(): Promise<void>;
  /** Everything the server printed so far (stdout and stderr). */
  logs(): string;
}

export interface StartAppOptions {
  /** Extra environment for the server (PORT and DATABASE_PATH are chosen here). */
  env?: Record<string, string>;
  /** How long to wait for `GET /healthz` to answer 200. */
  timeoutMs?: number;
}

/**
 * Starts `node apps/api/dist/main.mjs` from the repository root, as `npm start` does, on a free port
 * with a fresh database in a temporary directory (so the demo data is seeded), and resolves once
 * `GET /healthz` answers 200.
 */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  if (!existsSync(serverEntry)) {
    throw new Error(`${serverEntry} does not exist: build first (npm run test:e2e builds, or pnpm build).`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'stageflow-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // better-auth accepts requests only from the origin it serves; the browser uses this one.
      PUBLIC_URL: url,
      ...options.env,
      PORT: String(port),
      DATABASE_PATH: join(dataDir, 'stageflow.db'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    await terminate(child, exited);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(url, exited, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return { url, stop, logs: () => output };
}

/** Launches Debian's Chromium headless (Playwright's own browser download cannot work here). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  // launch() gives every browser a fresh temporary --user-data-dir of its own and deletes it on close.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The account a new database gets (packages/server/src/seed/demo-workspace.ts): owner of the demo workspace. */
export const DEMO_ACCOUNT = { email: 'demo@stageflow.dev', password: 'stageflow-demo' } as const;

/**
 * Signs in through the sign-in page as a person does (the demo account unless told otherwise) and
 * waits for the app shell. Every page under the shell needs a session.
 */
export async function signIn(
  page: Page,
  app: RunningApp,
  account: { email: string; password: string } = DEMO_ACCOUNT,
): Promise<void> {
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Saves a full-page PNG as apps/web/test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
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

async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
