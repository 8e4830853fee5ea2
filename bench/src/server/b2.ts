/**
 * B2: the bare tRPC fetch adapter on the same HTTP server Stageflow ships (@hono/node-server), with
 * one no-op procedure and nothing else: no router of ours, no key check, rate limit, log or context.
 * T0 (the same no-op through everything every endpoint takes) is held to 1.25× it.
 *
 *   node b2.mjs
 */
import { createAdaptorServer } from '@hono/node-server';
import { initTRPC } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { serveBench } from './ipc.ts';

const t = initTRPC.create();
const router = t.router({ bench: t.router({ noop: t.procedure.query(() => ({ ok: true })) }) });

serveBench(
  createAdaptorServer({
    fetch: (req: Request) => fetchRequestHandler({ endpoint: '/trpc', req, router, createContext: () => ({}) }),
  }) as import('node:http').Server,
);
