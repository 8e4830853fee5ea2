/**
 * `@stageflow/client`: Stageflow's tRPC procedures for TypeScript programs, typed by the server's
 * `AppRouter` (a type-only import: nothing of the server is bundled). Inputs and outputs are inferred,
 * so a wrong field is a compile error and every answer is typed.
 */
import type { AppRouter } from '@stageflow/server';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export interface StageflowClientOptions {
  /** Where Stageflow is served, e.g. `https://stageflow.example.com` (the client calls `${url}/trpc`). */
  readonly url: string;
  /** A key from Developer → API keys (`sf_live_…`), sent as the `x-api-key` header. */
  readonly apiKey: string;
  /** Another `fetch` (a proxy, a test double); the global one by default. */
  readonly fetch?: typeof fetch;
}

/** The server takes at most this many calls in one batch (docs/surfaces.md#request-limits). */
const MAX_CALLS_PER_BATCH = 25;

export function createStageflowClient({ url, apiKey, fetch }: StageflowClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url.replace(/\/+$/, '')}/trpc`,
        maxItems: MAX_CALLS_PER_BATCH,
        headers: () => ({ 'x-api-key': apiKey }),
        ...(fetch ? { fetch } : {}),
      }),
    ],
  });
}

export type StageflowClient = ReturnType<typeof createStageflowClient>;
/** `StageflowInputs['stages']['create']`: what a procedure takes. */
export type StageflowInputs = inferRouterInputs<AppRouter>;
/** `StageflowOutputs['participants']['byId']`: what a procedure answers. */
export type StageflowOutputs = inferRouterOutputs<AppRouter>;
export type { AppRouter };

/**
 * What every failed call throws. `error.message` is the server's message; `error.data.httpStatus`
 * (401, 403, 404, 409, 412, 429, …), `error.data.code` and `error.data.issues` (`{ path, message }`
 * per field) say why.
 */
export const StageflowError = TRPCClientError<AppRouter>;
export type StageflowError = TRPCClientError<AppRouter>;
export const isStageflowError = (error: unknown): error is StageflowError => error instanceof TRPCClientError;
