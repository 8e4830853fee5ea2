import {
  cookieHeaderFrom,
  postgresUnavailable,
  type RunningServer,
  startPostgres,
  startServer,
  type TestPostgres,
} from '@stageflow/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * Two real server processes on one PostgreSQL database, as behind a load balancer (docs/architecture.md#postgresql):
 * the demo data goes in once, a session signed in on one is good on the other (one AUTH_SECRET, sessions in the
 * database), and 30 decides of one decision, completions of one session or enrolments of one email sent at once,
 * split between the two, apply exactly once.
 */
const unavailable = postgresUnavailable();
const SECRET = 'postgres-processes-test-secret-0123456789';

describe.skipIf(unavailable)('two server processes on one PostgreSQL database', () => {
  let database: TestPostgres;
  let a: RunningServer;
  let b: RunningServer;
  let cookie = '';

  beforeAll(async () => {
    database = await startPostgres();
    const env = { DATABASE_URL: database.url, AUTH_SECRET: SECRET, DEMO: '1', RATE_LIMIT_PER_MINUTE: '1000' };
    a = await startServer({ from: 'source', env });
    b = await startServer({ from: 'source', env });
    const signIn = await fetch(`${a.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.url },
      body: JSON.stringify({ email: 'demo@stageflow.dev', password: 'stageflow-demo' }),
    });
    expect(signIn.status).toBe(200);
    cookie = cookieHeaderFrom(signIn);
  }, 180_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.stop();
  });

  /** A tRPC call as the web app makes it: a query by GET, a mutation by POST, with the session cookie. */
  const headers = (server: RunningServer) => ({ cookie, origin: server.url, 'x-stageflow-client': 'web' });
  const query = async (server: RunningServer, path: string, input?: unknown) => {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await fetch(`${server.url}/trpc/${path}${search}`, { headers: headers(server) });
    return { status: res.status, data: ((await res.json()) as { result?: { data: unknown } }).result?.data };
  };
  const mutate = async (server: RunningServer, path: string, input: unknown) => {
    const res = await fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { ...headers(server), 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return res.status;
  };
  /** The same call 30 times at once, every other one on the other process. */
  const thirtyAtOnce = (call: (server: RunningServer, i: number) => Promise<number>) =>
    Promise.all(Array.from({ length: 30 }, (_, i) => call(i % 2 === 0 ? a : b, i)));

  test('the demo went in once, and a session signed in on one process is good on the other', async () => {
    for (const server of [a, b]) {
      const templates = await query(server, 'templates.list');
      expect(templates.status).toBe(200);
      expect((templates.data as { template_name: string }[]).map((t) => t.template_name).sort()).toEqual([
        'Customer Support Onboarding',
        'Senior Backend Engineer',
      ]);
    }
  });

  test('30 decides of one open decision, split between the processes: exactly one applies', async () => {
    const open = await query(a, 'decisions.list', { status: 'open' });
    const [decision] = open.data as { id: string }[];
    expect(decision).toBeDefined();
    const statuses = await thirtyAtOnce((server, i) =>
      mutate(server, 'decisions.decide', { decision_id: decision!.id, outcome: 'reject', note: `Decide ${i}` }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200)).toEqual(Array(29).fill(409));
    for (const server of [a, b]) {
      const decided = await query(server, 'decisions.list', { status: 'decided', limit: 500 });
      expect((decided.data as { id: string; outcome: string }[]).filter((d) => d.id === decision!.id)).toEqual([
        expect.objectContaining({ outcome: 'reject' }),
      ]);
    }
  }, 120_000);

  test('30 completions of one session under way, split between the processes: exactly one scores it', async () => {
    const underWay = await query(b, 'sessions.list', { status: 'in_progress' });
    const [session] = underWay.data as { id: string; participant_id: string }[];
    expect(session).toBeDefined();
    const statuses = await thirtyAtOnce((server, i) =>
      mutate(server, 'sessions.complete', { session_id: session!.id, overall_score: 50 + i }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200)).toEqual(Array(29).fill(409));
    // One scorecard, one completion in the participant's history, read back from either process.
    for (const server of [a, b]) {
      const completed = await query(server, 'sessions.list', { participant_id: session!.participant_id });
      const scored = (completed.data as { id: string; status: string; scorecard: unknown }[]).filter(
        (s) => s.id === session!.id,
      );
      expect(scored).toEqual([expect.objectContaining({ status: 'completed', scorecard: expect.any(Object) })]);
      const timeline = await query(server, 'participants.timeline', { id: session!.participant_id, limit: 100 });
      const completions = (timeline.data as { items: { type: string }[] }).items.filter(
        (e) => e.type === 'session_completed',
      );
      expect(completions).toHaveLength(1);
    }
  }, 120_000);

  test('30 enrolments of one email into one template, split between the processes: exactly one is made', async () => {
    const templates = await query(b, 'templates.list');
    const [template] = templates.data as { id: string }[];
    const statuses = await thirtyAtOnce((server) =>
      mutate(server, 'participants.create', {
        evaluation_template_id: template!.id,
        name: 'Concurrent Person',
        email: 'concurrent.person@example.com',
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200)).toEqual(Array(29).fill(409));
    const listed = await query(a, 'participants.list', { search: 'concurrent.person@example.com', limit: 10 });
    expect((listed.data as { items: unknown[] }).items).toHaveLength(1);
  }, 120_000);

  test('two people changed to one address at once, on the two processes: one keeps it, the other is refused', async () => {
    const templates = await query(a, 'templates.list');
    const [template] = templates.data as { id: string }[];
    const enrol = async (name: string) => {
      const res = await fetch(`${a.url}/trpc/participants.create`, {
        method: 'POST',
        headers: { ...headers(a), 'content-type': 'application/json' },
        body: JSON.stringify({
          evaluation_template_id: template!.id,
          name,
          email: `${name.toLowerCase()}@example.com`,
        }),
      });
      return ((await res.json()) as { result: { data: { id: string } } }).result.data.id;
    };
    const [x, y] = [await enrol('Xavier'), await enrol('Yvonne')];
    for (let i = 0; i < 10; i++) {
      const email = `shared.${i}@example.com`;
      const statuses = await Promise.all([
        mutate(a, 'participants.update', { id: x, email }),
        mutate(b, 'participants.update', { id: y, email }),
      ]);
      expect(statuses.sort()).toEqual([200, 409]);
    }
  }, 120_000);
});
