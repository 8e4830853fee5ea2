import { initTRPC } from '@trpc/server';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { expectTRPCError } from './testing.ts';

/*
 * tRPC as installed here (patches/@trpc__server@11.19.0.patch, docs/decisions/041-zod-parsed-synchronously.md)
 * parses a zod schema synchronously, where zod runs an object's compiled parser; a schema with an async
 * refinement is parsed asynchronously, as before.
 */
const t = initTRPC.create();

describe("procedures' zod schemas", () => {
  test('are parsed synchronously, input and output, and the output still loses what it does not name', async () => {
    const Input = z.object({ name: z.string() });
    const Output = z.object({ greeting: z.string() });
    const spies = [Input, Output].map((schema) => ({
      sync: vi.spyOn(schema, 'parse'),
      async: vi.spyOn(schema, 'parseAsync'),
    }));
    const router = t.router({
      greet: t.procedure
        .input(Input)
        .output(Output)
        .query(({ input }) => ({ greeting: `Hello ${input.name}`, secret: 'not named' })),
    });

    expect(await t.createCallerFactory(router)({}).greet({ name: 'Ada' })).toEqual({ greeting: 'Hello Ada' });
    for (const spy of spies) {
      expect(spy.sync).toHaveBeenCalledTimes(1);
      expect(spy.async).not.toHaveBeenCalled();
    }
  });

  test('refuse bad input as BAD_REQUEST and a bad output as INTERNAL_SERVER_ERROR, with zod issues', async () => {
    const router = t.router({
      echo: t.procedure
        .input(z.object({ n: z.int() }))
        .output(z.object({ n: z.int().max(10) }))
        .query(({ input }) => input),
    });
    const caller = t.createCallerFactory(router)({});

    const bad = await expectTRPCError(caller.echo({ n: 'x' as unknown as number }), 'BAD_REQUEST', {
      issuePath: ['n'],
    });
    expect(bad.cause).toBeInstanceOf(z.ZodError);
    const wrong = await expectTRPCError(caller.echo({ n: 11 }), 'INTERNAL_SERVER_ERROR');
    expect(wrong.cause).toBeInstanceOf(z.ZodError);
  });

  test('with an async refinement are parsed asynchronously, and still refuse', async () => {
    const Input = z.object({ name: z.string().refine(async (name) => name !== 'taken', 'That name is taken') });
    const caller = t.createCallerFactory(
      t.router({ claim: t.procedure.input(Input).mutation(({ input }) => input.name) }),
    )({});

    expect(await caller.claim({ name: 'free' })).toBe('free');
    await expectTRPCError(caller.claim({ name: 'taken' }), 'BAD_REQUEST', { issuePath: ['name'] });
  });
});
