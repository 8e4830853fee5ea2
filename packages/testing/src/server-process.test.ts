import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { freePort, spawnServer } from './server-process.ts';

const fakeServer = fileURLToPath(new URL('./fixtures/fake-server.mjs', import.meta.url));
const cwd = dirname(fakeServer);

describe('spawnServer', () => {
  test('resolves once /healthz answers, on a free port with its own database; stop() ends it and deletes the directory', async () => {
    const server = await spawnServer([fakeServer], { cwd });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', publicUrl: server.url });
    expect(existsSync(server.databasePath)).toBe(true);
    expect(server.logs()).toContain(`database at ${server.databasePath}`);

    await server.stop();
    expect(existsSync(dirname(server.databasePath))).toBe(false);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await server.stop(); // a second stop is harmless
  });

  test('a server that exits before it is healthy fails the start with its output, and leaves nothing behind', async () => {
    let dataDir = '';
    const started = spawnServer([fakeServer], {
      cwd,
      env: (dir) => {
        dataDir = dir;
        return { FAKE_EXIT_CODE: '3' };
      },
    });
    await expect(started).rejects.toThrow(/exited with code 3 before it was ready[\s\S]*refusing to start/);
    expect(dataDir).not.toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });

  test('a server that never gets healthy is stopped after the timeout', async () => {
    const started = spawnServer([fakeServer], { cwd, env: () => ({ FAKE_NEVER_HEALTHY: '1' }), timeoutMs: 1_000 });
    await expect(started).rejects.toThrow(/did not answer 200 within 1000 ms/);
  });
});

test('freePort gives a port that can be listened on', async () => {
  const port = await freePort();
  expect(port).toBeGreaterThan(0);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await new Promise((resolve) => server.close(resolve));
});
