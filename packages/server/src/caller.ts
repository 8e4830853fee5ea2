import type { BaseContext } from './context.ts';
import { appRouter } from './routers/index.ts';
import { createCallerFactory } from './trpc.ts';

/** Server-side calls through the same procedures the clients use (seed data, tests, CLI). */
export const createCaller = (ctx: BaseContext) => createCallerFactory(appRouter)(ctx);
export type Caller = ReturnType<typeof createCaller>;
