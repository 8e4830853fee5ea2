import { initTRPC, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createTrpcHandler } from './trpc-handler.ts';

/*
 * The handler answers tRPC's plain calls itself and must answer them exactly as tRPC's fetch adapter
 * does: every request below goes to both, and their statuses, JSON and content headers must agree. The
 * error formatter copies what tRPC hands it (path, type, input, context), so those must agree too.
 */
type Ctx = { readonly user: string };
const t = initTRPC.context<Ctx>().create({
  isDev: false,
  errorFormatter: ({ shape, path, type, input, ctx }) => ({ ...shape, seen: { path, type, input, user: ctx?.user } }),
});

/** Which calls were given an abort signal: tRPC's adapter gives one, the handler's own answers none. */
const signals: (AbortSignal | undefined)[] = [];
const router = t.router({
  hello: t.procedure.query(({ signal }) => {
    signals.push(signal);
    return { hello: 'world' };
  }),
  greet: t.procedure
    .input(z.object({ name: z.string().min(2) }))
    .query(({ input, ctx }) => `hi ${input.name} from ${ctx.user}`),
  nothing: t.procedure.query(() => undefined),
  missing: t.procedure.query(() => {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such thing' });
  }),
  broken: t.procedure.query(() => {
    throw new Error('a bug');
  }),
  save: t.procedure.input(z.object({ n: z.number() })).mutation(({ input }) => ({ saved: input.n })),
  touch: t.procedure.mutation(() => 'touched'),
  promised: t.procedure.query(() => ({ later: Promise.resolve(1) })),
  ticks: t.procedure.subscription(async function* () {
    yield 1;
  }),
  nested: t.router({ deep: t.procedure.input(z.string()).query(({ input }) => input.toUpperCase()) }),
});

const createContext = async ({ req }: { req: Request }): Promise<Ctx> => {
  if (req.headers.get('x-fail') === 'context') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'who are you?' });
  if (req.headers.get('x-fail') === 'bug') throw new Error('context bug');
  return { user: req.headers.get('x-user') ?? 'anyone' };
};
const handler = createTrpcHandler({ router, createContext, maxBatchSize: 3 });
const tRPCs = (req: Request) => fetchRequestHandler({ endpoint: '/trpc', req, router, createContext, maxBatchSize: 3 });

const json = { 'content-type': 'application/json' };
const q = (path: string, input?: unknown) =>
  `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
const batch = (paths: string[], inputs?: unknown) =>
  `/trpc/${paths.join(',')}?batch=1${inputs === undefined ? '' : `&input=${encodeURIComponent(JSON.stringify(inputs))}`}`;

type Case = readonly [name: string, path: string, init?: RequestInit];
const cases: Case[] = [
  ['a query without input', q('hello')],
  ['a query with input', q('greet', { name: 'Ada' })],
  ['a nested path', q('nested.deep', 'abc')],
  ['an answer of undefined', q('nothing')],
  ['input refused by its schema', q('greet', { name: 'A' })],
  ['input that is not JSON', '/trpc/greet?input=%7Bnope'],
  ['input that is not JSON, to a procedure that reads none', '/trpc/hello?input=%7Bnope'],
  ['no input where one is required', q('greet')],
  ["a procedure's own error", q('missing')],
  ['a bug', q('broken')],
  ['a mutation', q('save'), { method: 'POST', headers: json, body: JSON.stringify({ n: 4 }) }],
  ['a mutation without a body', q('touch'), { method: 'POST', headers: json }],
  ['a mutation with a body that is not JSON', q('save'), { method: 'POST', headers: json, body: '{' }],
  ['a body that is not JSON, to a mutation that reads none', q('touch'), { method: 'POST', headers: json, body: '{' }],
  ['a mutation by GET', q('save', { n: 1 })],
  ['a query by POST', q('hello'), { method: 'POST', headers: json, body: '{}' }],
  ['a mutation without a content type', q('touch'), { method: 'POST', body: '{}' }],
  ['a mutation sent as text', q('touch'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }],
  ['an unknown path', q('nope')],
  ['a batch', batch(['hello', 'greet', 'nested.deep'], { 1: { name: 'Bo' }, 2: 'x' })],
  ['a batch with errors beside answers', batch(['hello', 'missing', 'greet'], { 2: { name: 'B' } })],
  ['a batch that fails alike', batch(['missing', 'missing'])],
  ['a batch whose input is not an object', batch(['greet'], [{ name: 'Bo' }])],
  ['a batch with an unknown path', batch(['hello', 'nope'])],
  ['a batch over the limit', batch(['hello', 'hello', 'hello', 'hello'])],
  ['a batch of commas written as %2C', '/trpc/hello%2Cnested.deep?batch=1&input=%7B%221%22%3A%22y%22%7D'],
  [
    'a batch of mutations',
    batch(['save', 'touch']),
    { method: 'POST', headers: json, body: JSON.stringify({ 0: { n: 1 } }) },
  ],
  ['a batch mixing queries and mutations', batch(['hello', 'save']), { method: 'POST', headers: json, body: '{}' }],
  ['a trailing slash', '/trpc/hello/'],
  ['a context that refuses', q('hello'), { headers: { 'x-fail': 'context' } }],
  ['a context that fails', batch(['hello', 'hello']), { headers: { 'x-fail': 'bug' } }],
  ['the context reaches the procedure', q('greet', { name: 'Cy' }), { headers: { 'x-user': 'Dee' } }],
  ['a promise inside an answer', q('promised')],
  ['a promise inside a batched answer', batch(['promised', 'hello'])],
  ['a subscription', q('ticks')],
  ['a stream asked for', batch(['hello']), { headers: { 'trpc-accept': 'application/jsonl' } }],
  ['connection params', '/trpc/hello?connectionParams=%7B%7D'],
  ['HEAD', q('hello'), { method: 'HEAD' }],
  ['PUT', q('hello'), { method: 'PUT' }],
];

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // a stream's lines
  }
}

async function seen(res: Response) {
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    vary: res.headers.get('vary'),
    body: parsed(text),
  };
}

describe('tRPC calls answered by the handler', () => {
  for (const [name, path, init] of cases) {
    test(`${name}: answered as tRPC answers it`, async () => {
      const request = () => new Request(`http://localhost${path}`, init);
      const ours = await seen(await handler(request()));
      expect(ours).toEqual(await seen(await tRPCs(request())));
    });
  }

  test("plain calls are answered without tRPC's adapter, everything else by it", async () => {
    signals.length = 0;
    await handler(new Request(`http://localhost${q('hello')}`));
    await handler(new Request(`http://localhost${batch(['hello', 'hello'])}`));
    expect(signals).toEqual([undefined, undefined, undefined]);

    signals.length = 0;
    await handler(
      new Request(`http://localhost${batch(['hello'])}`, { headers: { 'trpc-accept': 'application/jsonl' } }),
    );
    await handler(new Request(`http://localhost${batch(['hello', 'nope'])}`));
    await handler(new Request(`http://localhost${q('hello')}?connectionParams=%7B%7D`));
    expect(signals).toHaveLength(3);
    expect(signals.every((signal) => signal instanceof AbortSignal)).toBe(true);
  });
});
