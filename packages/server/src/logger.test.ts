import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createLogger, flushLogNow, LOG_FLUSH_EVERY_MS } from './logger.ts';

const dir = mkdtempSync(join(tmpdir(), 'stageflow-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) => {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string });
  } catch {
    return [];
  }
};

// The once-a-second flush runs on a fake clock, so each test says which writes came from it and which from a full
// buffer, however slow the machine.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

test('request lines are written together, and a quiet server still writes them within a second', async () => {
  const file = join(dir, 'quiet.log');
  const log = createLogger('info', file);
  log.info({ path: '/trpc/stages.list' }, 'request');
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Buffered: not one write per line.
  expect(lines(file)).toEqual([]);
  vi.advanceTimersByTime(1000);
  await vi.waitFor(() => expect(lines(file).map((l) => l.msg)).toEqual(['request']), { timeout: 3000 });
});

test('a busy server writes its lines as the buffer fills, in order', async () => {
  const file = join(dir, 'busy.log');
  const log = createLogger('info', file);
  for (let i = 0; i < 200; i++) log.info({ i }, `line ${i}`);
  // The clock has not moved: these writes are the full buffer's.
  await vi.waitFor(() => expect(lines(file).length).toBeGreaterThan(100), { timeout: 3000 });
  vi.advanceTimersByTime(LOG_FLUSH_EVERY_MS);
  await vi.waitFor(
    () =>
      expect(
        lines(file)
          .map((l) => l.msg)
          .at(-1),
      ).toBe('line 199'),
    { timeout: 3000 },
  );
  expect(lines(file).map((l) => l.msg)).toEqual(Array.from({ length: 200 }, (_, i) => `line ${i}`));
});

test('flushLogNow writes the lines kept before it returns', async () => {
  const file = join(dir, 'now.log');
  const log = createLogger('info', file);
  // The file is opened without blocking: let it open first.
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (let i = 0; i < 10; i++) log.info({ i }, `line ${i}`);
  expect(lines(file)).toEqual([]);
  flushLogNow(log);
  expect(lines(file).map((l) => l.msg)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i}`));
});
