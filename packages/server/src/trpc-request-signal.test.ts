import { initTRPC } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, test } from 'vitest';

/*
 * tRPC as installed here (patches/@trpc__server@11.19.0.patch, docs/decisions/042-trpc-call-signal.md) hands a
 * query or a mutation the request's own signal, where it made an AbortController and an AbortSignal.any of the two
 * for every call; a subscription still gets a signal of its own, which its time limit can abort.
 */
const t = initTRPC.create();

function serve(router: ReturnType<typeof t.router>, req: Request) {
  return fetchRequestHandler({ endpoint: '/trpc', req, router, createContext: () => ({}) });
}

describe('the signal a procedure is given', () => {
  test("is the request's own for a query and a mutation, and aborts with it", async () => {
    const seen: AbortSignal[] = [];
    const router = t.router({
      read: t.procedure.query(({ signal }) => {
        seen.push(signal!);
        return 'read';
      }),
      write: t.procedure.mutation(({ signal }) => {
        seen.push(signal!);
        return 'written';
      }),
    });
    const client = new AbortController();
    const requests = [
      new Request('http://localhost/trpc/read', { signal: client.signal }),
      new Request('http://localhost/trpc/write', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: client.signal,
      }),
    ];

    for (const req of requests) expect((await serve(router, req)).status).toBe(200);
    expect(seen).toEqual(requests.map((req) => req.signal));
    client.abort();
    expect(seen.map((signal) => signal.aborted)).toEqual([true, true]);
  });

  test('is one of its own for a subscription, which ends with the request', async () => {
    let seen: AbortSignal | undefined;
    const router = t.router({
      ticks: t.procedure.subscription(async function* ({ signal }) {
        seen = signal;
        yield 1;
      }),
    });
    const client = new AbortController();
    const req = new Request('http://localhost/trpc/ticks', { signal: client.signal });

    const res = await serve(router, req);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    // Read until the first tick: by then the subscription has run.
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('data: 1')) text += (await reader.read()).value ?? '';
    expect(seen).toBeDefined();
    expect(seen).not.toBe(req.signal);
    expect(seen!.aborted).toBe(false);
    client.abort();
    expect(seen!.aborted).toBe(true);
  });
});
