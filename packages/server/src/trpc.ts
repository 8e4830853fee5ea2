import { badInput, DomainError, reservedKeyMessage, reservedKeyPath } from '@stageflow/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { authorize, grantsIn } from './auth/authorize.ts';
import { actorOf } from './auth/principal.ts';
import type { Scope } from './auth/scopes.ts';
import type { BaseContext, Context } from './context.ts';
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
  /**
   * REST answers the procedure's `{ filename, csv }` as a file to save rather than as JSON
   * (`text/csv`, `Content-Disposition: attachment`); tRPC answers the object.
   */
  readonly download?: 'csv';
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

/**
 * What every procedure's result goes through: domain errors thrown (via `unwrap`) anywhere below
 * become tRPC errors here, and only here; what a caller cannot cause (bugs) is logged, and reaches
 * the caller as a bare 500 without details.
 */
function settle<R extends { ok: boolean; error?: TRPCError }>(ctx: BaseContext, path: string, result: R) {
  if (result.ok) return result;
  if (result.error?.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  if (result.error?.code === 'INTERNAL_SERVER_ERROR') {
    ctx.log.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
  }
  return result;
}

/** Credentials that were sent but refused (a revoked API key, a typo) are a 401 that says why. */
function refuseRejectedCredentials(ctx: BaseContext): void {
  if (ctx.authError) throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authError });
}

/**
 * `__proto__`, `constructor` and `prototype` keys are refused anywhere in an input (docs/errors.md):
 * strict objects refuse them as unknown keys, but records (participant metadata, bulk rows) would
 * otherwise take them in or, for `__proto__`, drop them without a word.
 */
function refuseReservedKeys(input: unknown): void {
  const path = reservedKeyPath(input);
  if (path) throw toTRPCError(badInput(path, reservedKeyMessage(path.at(-1) ?? '')));
}

// Each procedure runs through ONE middleware: tRPC copies its options and context at every
// middleware level, and four levels were a tenth of a no-op request's CPU (bench/README.md).

/** Checks the declared scope against the caller, then scopes everything below to their workspace. */
const workspaceGuard = t.middleware(async ({ ctx, meta, path, getRawInput, next }) => {
  refuseRejectedCredentials(ctx);
  if (!meta?.scope) throw new TRPCError({ code: 'FORBIDDEN', message: 'This procedure declares no scope' });
  const access = await authorize(ctx.principal, meta.scope, grantsIn(ctx.reads));
  if (!access.ok) throw new TRPCError({ code: access.code, message: access.message });
  refuseReservedKeys(await getRawInput());
  const principal = ctx.principal!;
  const actor = actorOf(principal);
  // A context from `createInnerContext` names the workspace and actor already: `next` without them spares
  // tRPC a copy of the whole context on every call. Any other context is given them.
  const scoped =
    ctx.workspaceId === access.workspaceId && ctx.actor === actor
      ? await next<Scoped>({})
      : await next({ ctx: { principal, workspaceId: access.workspaceId, actor } });
  return settle(ctx, path, scoped);
});
type Scoped = Pick<Context, 'principal' | 'workspaceId' | 'actor'>;

/** Any signed-in user, whatever their workspace (their account, their invitations). */
const signedInGuard = t.middleware(async ({ ctx, path, getRawInput, next }) => {
  refuseRejectedCredentials(ctx);
  if (ctx.principal?.kind !== 'user') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to do this' });
  }
  refuseReservedKeys(await getRawInput());
  return settle(ctx, path, await next({ ctx: { principal: ctx.principal } }));
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A procedure any signed-in user may call, whatever their workspace (their account, their invitations). */
export const signedInProcedure = t.procedure.use(signedInGuard);

/** A workspace procedure: `scoped('evaluation_stages.write')` is its whole access declaration. */
export const scoped = (scope: Scope) => t.procedure.meta({ scope }).use(workspaceGuard);
