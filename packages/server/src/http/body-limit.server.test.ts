/**
 * Huge request bodies against a real Node server: every prefix that reads a body answers 413 after
 * reading at most its limit, while the rest is still on its way, and the server's memory stays flat.
 * The bodies are made on the fly from one reused chunk and never held whole (docs/decisions/014-request-limits.md).
 */
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLogger } from '../logger.ts';
import { createServer, type SqliteServer } from '../server.ts';
import { storeTestKey } from '../testing-keys.ts';

const MB = 1024 * 1024;
let server: SqliteServer;
let http: Server;
let port: number;
/** A key with every scope: an authorised caller's body is read, an anonymous one's is refused first. */
let apiKey: string;

beforeAll(async () => {
  server = createServer({
    databasePath: ':memory:',
    publicUrl: 'http://127.0.0.1',
    authSecret: 'x'.repeat(32),
    log: createLogger('silent'),
  });
  http = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise((resolve) => http.once('listening', resolve));
  port = (http.address() as AddressInfo).port;
  const workspaceId = crypto.randomUUID();
  server.repos.workspaces.insert({ id: workspaceId, slug: 'a', name: 'A' });
  apiKey = storeTestKey(server.db, server.repos, workspaceId).key;
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  server.close();
});

interface Answer {
  readonly status: number;
  readonly body: string;
  /** Bytes the client had written when the answer's head arrived. */
  readonly sentBeforeAnswer: number;
}

/**
 * POSTs `totalBytes` of a JSON-looking body (`{"email":"aaaa…`) in 64 KB chunks, chunked unless a
 * `content-length` is given, and stops sending as soon as the server answers.
 */
function postHuge(path: string, totalBytes: number, headers: Record<string, string> = {}): Promise<Answer> {
  const filler = Buffer.alloc(64 * 1024, 'a');
  const opening = Buffer.from('{"email":"');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers },
    });
    req.on('response', (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer });
      });
      res.on('error', reject);
    });
    // Once answered, the server may close the connection under the rest of the body.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < totalBytes) {
        const chunk = sent === 0 ? opening : filler;
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Runs `work` while sampling this process's RSS; answers its result and the largest growth seen. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

const PREFIXES = ['/api/auth/sign-in/email', '/trpc/templates.create', '/api/v1/evaluation-templates'];

test('three concurrent 300 MB chunked bodies, one to each prefix, get 413 at once and memory stays flat', async () => {
  // Warm every prefix first, so what they load on first use is not counted as growth.
  for (const path of PREFIXES) await postHuge(path, 100);

  const { result: answers, growth } = await peakRssGrowth(() =>
    Promise.all(PREFIXES.map((path) => postHuge(path, 300 * MB))),
  );
  for (const answer of answers) {
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBeLessThan(32 * MB);
  }
  expect(JSON.parse(answers[0]!.body)).toEqual({ error: 'The request body is larger than 1 MB', issues: [] });
  expect(JSON.parse(answers[1]!.body)).toMatchObject({
    error: { message: 'The request body is larger than 1 MB', data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } },
  });
  expect(JSON.parse(answers[2]!.body)).toEqual({ error: 'The request body is larger than 1 MB', issues: [] });
  expect(growth).toBeLessThan(200 * MB);
}, 60_000);

test('a declared Content-Length past the limit is refused before any of the body is read', async () => {
  const answers = await Promise.all(
    PREFIXES.map((path) => postHuge(path, 600 * MB, { 'content-length': String(600 * MB) })),
  );
  for (const answer of answers) {
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBeLessThan(32 * MB);
  }
}, 30_000);

test('the server still answers after refusing', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(res.status).toBe(200);
});
