import { DomainError } from '@stageflow/domain';
import { initTRPC } from '@trpc/server';
import type { Context } from './context.ts';
import { describeIssues, fieldIssues, toTRPCError } from './errors.ts';

const t = initTRPC.context<Context>().create({
  // Never send stack traces; add the field issues every client shows beside its fields.
  isDev: false,
  errorFormatter({ shape, error }) {
    const issues = fieldIssues(error.cause);
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal ? 'Something went wrong on our side' : issues ? describeIssues(issues) : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, issues },
    };
  },
});

/** Domain errors thrown (via `unwrap`) anywhere below become tRPC errors here, and only here. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  return result;
});

/** Logs what a caller cannot cause: bugs. They reach the caller as a bare 500 without details. */
const logInternalErrors = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.log.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(logInternalErrors).use(mapDomainErrors);
