import { DomainError } from '@stageflow/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { authorize } from './auth/authorize.ts';
import { actorOf } from './auth/principal.ts';
import type { Scope } from './auth/scopes.ts';
import type { BaseContext } from './context.ts';
import { publicError, toTRPCError } from './errors.ts';

/** Every procedure declares the one scope it needs; roles and API key scopes both follow from it. */
export type ProcedureMeta = {
  readonly scope?: Scope;
  /**
   * Where the procedure answers under `/api/v1` (http/rest.ts) and how the OpenAPI document shows it.
   * Set with `.meta({ openapi })` after `scoped(...)`: tRPC merges the two, so the scope stays the
   * one access declaration.
   */
  readonly openapi?: RestRoute;
};
export type RestRoute = NonNullable<OpenApiMeta['openapi']>;

const t = initTRPC
  .context<BaseContext>()
  .meta<ProcedureMeta>()
  .create({
    // Never send stack traces; add the field issues every client shows beside its fields.
    isDev: false,
    errorFormatter({ shape, error }) {
      const { message, issues } = publicError(error);
      return {
        ...shape,
        message,
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

/** Checks the declared scope against the caller, then scopes everything below to their workspace. */
const enforceScope = t.middleware(({ ctx, meta, next }) => {
  if (!meta?.scope) throw new TRPCError({ code: 'FORBIDDEN', message: 'This procedure declares no scope' });
  const access = authorize(ctx.principal, meta.scope);
  if (!access.ok) throw new TRPCError({ code: access.code, message: access.message });
  const principal = ctx.principal!;
  return next({ ctx: { principal, workspaceId: access.workspaceId, actor: actorOf(principal) } });
});

/** Credentials that were sent but refused (a revoked API key, a typo) are a 401 that says why. */
const refuseRejectedCredentials = t.middleware(({ ctx, next }) => {
  if (ctx.authError) throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authError });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const baseProcedure = t.procedure.use(logInternalErrors).use(mapDomainErrors).use(refuseRejectedCredentials);

/** A procedure any signed-in user may call, whatever their workspace (their account, their invitations). */
export const signedInProcedure = baseProcedure.use(({ ctx, next }) => {
  if (ctx.principal?.kind !== 'user') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to do this' });
  }
  return next({ ctx: { principal: ctx.principal } });
});

/** A workspace procedure: `scoped('evaluation_stages.write')` is its whole access declaration. */
export const scoped = (scope: Scope) => baseProcedure.meta({ scope }).use(enforceScope);
