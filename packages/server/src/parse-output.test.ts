import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW } from '@stageflow/testing';
import { initTRPC } from '@trpc/server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { checkedOutput, checkOutputsFromEnv, type ParseOutput, trustedOutput } from './parse-output.ts';
import { appRouter } from './routers/index.ts';
import { createServer, type SqliteServer } from './server.ts';
import { expectTRPCError } from './testing.ts';
import { storeTestKey } from './testing-keys.ts';
import { router, scoped } from './trpc.ts';

/*
 * How an answer meets its output schema (docs/decisions/045-answers-checked-exactly-trusted-in-production.md): tRPC
 * as installed here (patches/@trpc__server@11.19.0.patch) hands the context's `parseOutput` the schema's parse.
 */
const t = initTRPC.context<{ parseOutput?: ParseOutput }>().create();
const Item = z.object({ id: z.string(), note: z.string().optional() });
const Output = z.object({ items: z.array(Item), total: z.int() });

const callerWith = (parseOutput: ParseOutput | undefined, answer: () => unknown, output: z.ZodType = Output) =>
  t.createCallerFactory(t.router({ read: t.procedure.output(output).query(answer) }))({ parseOutput });

describe('checked (tests, development, CHECK_OUTPUTS=1)', () => {
  test('an answer exactly its schema goes out; a key whose value is undefined counts as absent, as in JSON', async () => {
    const answer = { items: [{ id: 'a' }, { id: 'b', note: undefined }], total: 2 };
    expect(await callerWith(checkedOutput, () => answer).read()).toEqual(answer);
  });

  test.each([
    [
      'a field the schema does not name',
      { items: [{ id: 'a' }, { id: 'b', secret: 's' }], total: 2 },
      'the answer.items[1].secret is not in its schema',
    ],
    ['a field at the top', { items: [], total: 0, workspace_id: 'w' }, 'the answer.workspace_id is not in its schema'],
  ])('refuses %s, naming where', async (_, answer, where) => {
    const refused = await expectTRPCError(callerWith(checkedOutput, () => answer).read(), 'INTERNAL_SERVER_ERROR');
    expect((refused.cause as Error).message).toBe(
      `${where}: a procedure must answer exactly what its output schema describes`,
    );
  });

  test('refuses an answer its schema would change (a default added, a value converted)', async () => {
    const WithDefault = z.object({ items: z.array(Item).default([]), total: z.int() });
    const defaulted = await expectTRPCError(
      callerWith(checkedOutput, () => ({ total: 0 }), WithDefault).read(),
      'INTERNAL_SERVER_ERROR',
    );
    expect((defaulted.cause as Error).message).toMatch(/^the answer\.items is missing, its schema adds it/);
    const Trimmed = z.object({ name: z.string().trim() });
    const trimmed = await expectTRPCError(
      callerWith(checkedOutput, () => ({ name: ' Ada ' }), Trimmed).read(),
      'INTERNAL_SERVER_ERROR',
    );
    expect((trimmed.cause as Error).message).toMatch(/^the answer\.name is " Ada ", its schema makes it "Ada"/);
  });

  test('an answer its schema refuses is refused with zod’s issues, as before', async () => {
    const wrong = await expectTRPCError(
      callerWith(checkedOutput, () => ({ items: [{ id: 1 }], total: 1 })).read(),
      'INTERNAL_SERVER_ERROR',
    );
    expect(wrong.cause).toBeInstanceOf(z.ZodError);
  });

  test('a schema with an async refinement is checked too', async () => {
    const Async = z.object({ id: z.string().refine(async (id) => id !== 'x') });
    expect(await callerWith(checkedOutput, () => ({ id: 'a' }), Async).read()).toEqual({ id: 'a' });
    const extra = await expectTRPCError(
      callerWith(checkedOutput, () => ({ id: 'a', more: 1 }), Async).read(),
      'INTERNAL_SERVER_ERROR',
    );
    expect((extra.cause as Error).message).toMatch(/^the answer\.more is not in its schema/);
  });
});

describe('trusted (production: CHECK_OUTPUTS unset or 0)', () => {
  test('the answer goes out as built, the schema not asked', async () => {
    const answer = { items: [{ id: 'a' }], total: 1 };
    const parse = vi.spyOn(Output, 'parse');
    expect(await callerWith(trustedOutput, () => answer).read()).toBe(answer);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  test('a context without `parseOutput` gets tRPC’s own parse, which drops what the schema does not name', async () => {
    const answer = { items: [{ id: 'a', secret: 's' }], total: 1 };
    expect(await callerWith(undefined, () => answer).read()).toEqual({ items: [{ id: 'a' }], total: 1 });
  });
});

test.each([
  [undefined, { checkOutputs: false }],
  ['', { checkOutputs: false }],
  ['0', { checkOutputs: false }],
  ['1', { checkOutputs: true }],
  ['true', { checkOutputs: true }],
  ['yes', { checkOutputs: false, problem: 'CHECK_OUTPUTS=yes is not 1 or 0: answers are sent as built' }],
])('CHECK_OUTPUTS=%s', (value, expected) => {
  expect(checkOutputsFromEnv(value)).toEqual(expected);
});

/**
 * The served app both ways over one database with the demo data: every answer the tests make is checked exactly,
 * so the trusted server answers the same (its JSON's keys in the order the procedure built them).
 */
describe('served checked and trusted', () => {
  let dir: string;
  let checked: SqliteServer;
  let trusted: SqliteServer;
  let key: string;
  const logs: string[] = [];
  // One procedure beside the app's that answers a field its schema does not name.
  const probe = router({
    ...appRouter._def.record,
    probe: router({
      leak: scoped('evaluation_templates.read')
        .output(z.object({ ok: z.boolean() }))
        .query(() => ({ ok: true, internal: 'not for callers' })),
    }),
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stageflow-outputs-'));
    const settings = {
      databasePath: join(dir, 'stageflow.db'),
      publicUrl: 'http://localhost:3000',
      authSecret: 'x'.repeat(32),
      router: probe,
      log: pino({ level: 'error' }, { write: (line: string) => void logs.push(line) }),
    };
    checked = createServer({ ...settings, demo: true });
    await checked.seedDemo(NOW);
    trusted = createServer({ ...settings, demo: false, checkOutputs: false });
    const workspace = checked.db.$client.prepare('select id from workspaces').get() as { id: string };
    key = storeTestKey(checked.db, checked.repos, workspace.id).key;
  });
  afterAll(() => {
    checked.close();
    trusted.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (server: SqliteServer, path: string) => {
    const res = await server.fetch(new Request(`http://localhost:3000${path}`, { headers: { 'x-api-key': key } }));
    return { status: res.status, body: (await res.json()) as { result: { data: unknown } } };
  };
  const trpc = (procedure: string, input?: unknown) =>
    `/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
  const both = async (path: string) => {
    const [a, b] = [await get(checked, path), await get(trusted, path)];
    expect(a.status, path).toBe(200);
    expect(b, path).toEqual(a);
    return a.body;
  };

  test('the pages the bench measures, and REST, answer the same', async () => {
    const templates = (await both(trpc('templates.list'))).result.data as { id: string }[];
    const templateId = templates[0]!.id;
    await both(trpc('stages.list', { evaluation_template_id: templateId }));
    const page = (await both(trpc('participants.list', { evaluation_template_id: templateId }))).result.data as {
      items: { id: string }[];
    };
    expect(page.items.length).toBeGreaterThan(0);
    for (const { id } of page.items.slice(0, 5)) {
      await both(trpc('participants.byId', { id }));
      await both(trpc('participants.timeline', { id }));
      await both(`/api/v1/participants/${id}`);
    }
    await both(trpc('participants.board', { evaluation_template_id: templateId }));
  });

  test('an answer with a field its schema does not name: a 500 when checked, naming it in the log', async () => {
    expect((await get(checked, trpc('probe.leak'))).status).toBe(500);
    expect(logs.join('\n')).toContain('the answer.internal is not in its schema');
    expect((await get(trusted, trpc('probe.leak'))).body.result.data).toEqual({
      ok: true,
      internal: 'not for callers',
    });
  });
});
