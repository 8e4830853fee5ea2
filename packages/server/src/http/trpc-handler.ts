import {
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getHTTPStatusCode } from '@trpc/server/http';
import { readTrpcCalls, TRPC_ENDPOINT, type TrpcCalls } from './trpc-calls.ts';

export interface TrpcHandlerOptions {
  readonly router: AnyTRPCRouter;
  readonly createContext: (opts: { req: Request }) => Promise<unknown>;
  readonly maxBatchSize: number;
}

type CallType = 'query' | 'mutation';

/** What a plain request calls: procedures that exist, all of the type its method serves. */
interface Plan {
  readonly calls: TrpcCalls;
  readonly type: CallType;
  readonly procedures: readonly AnyTRPCProcedure[];
}

type Outcome = readonly [error: TRPCError, data: undefined] | readonly [error: undefined, data: unknown];

/**
 * Serves `/trpc` as tRPC's fetch adapter does, answering its plain calls itself: queries by GET and
 * mutations by POST with a JSON body, one or a batch, to procedures that exist. Every other request
 * (a subscription, a stream, form data, a path or method tRPC refuses, HEAD) goes to tRPC's own
 * adapter untouched. The answers are tRPC's, built with its own error shapes, status rule and
 * transformer; they differ in what they skip: tRPC's per-request `Headers`, `URL` and response
 * metadata, which cost about a third of bare tRPC's request here, and the request's abort signal,
 * which no query or mutation here reads (docs/decisions/047-trpc-plain-calls-answered-directly.md).
 */
export function createTrpcHandler(options: TrpcHandlerOptions): (req: Request) => Promise<Response> {
  const { router, createContext, maxBatchSize } = options;
  const config = router._def._config;
  const procedures = router._def.procedures as Record<string, AnyTRPCProcedure | undefined>;
  const deserialize = (input: unknown) => config.transformer.input.deserialize(input);

  function plan(req: Request): Plan | undefined {
    const { method, headers } = req;
    const type: CallType | undefined = method === 'GET' ? 'query' : method === 'POST' ? 'mutation' : undefined;
    if (!type) return undefined;
    const contentType = headers.get('content-type');
    if (contentType === null ? type === 'mutation' : !contentType.startsWith('application/json')) return undefined;
    if (headers.get('trpc-accept') !== null || headers.get('accept')?.includes('application/jsonl')) return undefined;
    const calls = readTrpcCalls(req.url);
    if (!calls || calls.hasConnectionParams || (calls.isBatch && calls.paths.length > maxBatchSize)) return undefined;
    const found: AnyTRPCProcedure[] = [];
    for (const path of calls.paths) {
      const procedure = procedures[path];
      if (procedure?._def.type !== type) return undefined;
      found.push(procedure);
    }
    return { calls, type, procedures: found };
  }

  async function answer(req: Request, { calls, type, procedures }: Plan): Promise<Response> {
    const inputs = once(() => readInputs(req, calls, deserialize));
    let ctx: unknown;
    let ctxError: TRPCError | undefined;
    try {
      ctx = await createContext({ req });
    } catch (cause) {
      ctxError = getTRPCErrorFromUnknown(cause);
    }
    const call = async (procedure: AnyTRPCProcedure, index: number): Promise<Outcome> => {
      const path = calls.paths[index] as string;
      try {
        if (ctxError) throw ctxError;
        const getRawInput = async () => (await inputs.read())[index];
        return [undefined, await procedure({ path, getRawInput, ctx, type, signal: undefined, batchIndex: index })];
      } catch (cause) {
        return [getTRPCErrorFromUnknown(cause), undefined];
      }
    };
    // One call is awaited as it is: a batch's calls run side by side.
    const outcomes =
      procedures.length === 1 ? [await call(procedures[0]!, 0)] : await Promise.all(procedures.map(call));
    const shapeOf = (error: TRPCError, index: number | undefined) =>
      getTRPCErrorShape({
        config,
        ctx,
        error,
        type,
        ...(index === undefined
          ? { input: undefined, path: undefined }
          : { input: inputs.result()?.[index], path: calls.paths[index] }),
      });
    const items = outcomes.map(([error, data], index) => {
      if (error) return { error: shapeOf(error, index) };
      if (!isDataStream(data)) return { result: { data } };
      const streamed = new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: STREAM_REFUSED });
      // tRPC refuses a lone call's stream outside the call, so its error names no path.
      return { error: shapeOf(streamed, calls.isBatch ? index : undefined) };
    });
    const body = calls.isBatch ? items : (items[0] as (typeof items)[number]);
    return new Response(JSON.stringify(transformTRPCResponse(config, body)), {
      status: getHTTPStatusCode(items),
      headers: { 'content-type': 'application/json', vary: 'trpc-accept, accept' },
    });
  }

  return (req) => {
    const planned = plan(req);
    if (planned) return answer(req, planned);
    return fetchRequestHandler({ endpoint: TRPC_ENDPOINT, req, router, maxBatchSize, createContext });
  };
}

const STREAM_REFUSED = 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink';

/** The calls' inputs by index, read as tRPC reads them: `?input=` on a GET, the JSON body on a POST. */
async function readInputs(
  req: Request,
  calls: TrpcCalls,
  deserialize: (input: unknown) => unknown,
): Promise<Record<number, unknown>> {
  const read: unknown = req.method === 'GET' ? (calls.input ? JSON.parse(calls.input) : undefined) : await req.json();
  const inputs: Record<number, unknown> = Object.create(null);
  if (read === undefined) return inputs;
  if (!calls.isBatch) {
    inputs[0] = deserialize(read);
    return inputs;
  }
  if (!isObject(read)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
  }
  for (let index = 0; index < calls.paths.length; index++) {
    const input = read[index];
    if (input !== undefined) inputs[index] = deserialize(input);
  }
  return inputs;
}

/**
 * Reads the inputs once, when the first procedure that takes input asks (a call that takes none never
 * reads them, as in tRPC), and remembers them for error shapes; an unreadable input is a 400.
 */
function once<T>(read: () => Promise<T>) {
  let promise: Promise<T> | undefined;
  let value: T | undefined;
  return {
    read: () =>
      (promise ??= read().then(
        (result) => (value = result),
        (cause: unknown) => {
          if (cause instanceof TRPCError) throw cause;
          const message = cause instanceof Error ? cause.message : 'Invalid input';
          throw new TRPCError({ code: 'BAD_REQUEST', message, cause });
        },
      )),
    result: () => value,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === 'object';
}

/** tRPC's test for an answer only its streaming links can carry: async iterables, or promises inside. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (Symbol.asyncIterator in value) return true;
  const values = Object.values(value);
  return values.some(isPromise) || values.some((item) => isObject(item) && Symbol.asyncIterator in item);
}

function isPromise(value: unknown): boolean {
  return (
    (isObject(value) || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function' &&
    typeof (value as { catch?: unknown }).catch === 'function'
  );
}
