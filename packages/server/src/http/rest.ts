/**
 * REST `/api/v1`: the tRPC procedures that declare an `openapi` route in their meta, called as tRPC's
 * server-side caller calls them (so the same scope check, input schema, domain rules, output schema and error
 * mapping), with the seed's paths and snake_case payloads. trpc-to-openapi generates the document
 * from the same meta and schemas (openapi.ts); this adapter replaces its request handler, which
 * coerces by mutating the shared zod schemas (docs/decisions/009-rest-from-trpc-procedures.md).
 */
import { type FieldIssue, RESERVED_KEYS, reservedKeyMessage, reservedKeyPath } from '@stageflow/domain';
import { type AnyTRPCProcedure, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Context } from 'hono';
import type { BaseContext } from '../context.ts';
import { publicError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { appRouter } from '../routers/index.ts';
import { openApiDocument } from './openapi.ts';
import {
  defOf,
  IDEMPOTENCY_FIELD,
  IDEMPOTENCY_HEADER,
  REST_BASE,
  type RestOperation,
  restOperations,
  type Schema,
  unwrap,
} from './rest-routes.ts';

/** A failed request, already in the REST error shape. */
class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

export const restError = (status: number, message: string, issues: readonly FieldIssue[] = []) =>
  Response.json({ error: message, issues }, { status });

/** Query strings are text: numbers and booleans are read as the input schema declares them, nothing else. */
function fromQuery(values: string[], field: Schema | undefined): unknown {
  const inner = field ? unwrap(field) : undefined;
  const def = inner ? defOf(inner) : undefined;
  if (def?.type === 'array') return values.map((v) => scalar(v, def.element ? defOf(unwrap(def.element)).type : ''));
  if (values.length > 1) return values; // repeated where one value is expected: the schema says so
  return scalar(values[0]!, def?.type ?? 'string');
}
function scalar(value: string, type: string): unknown {
  if (type === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function decode(value: string, name: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new RestError(400, `${name}: not a valid URL path segment`, [
      { path: [name], message: 'not a valid URL path segment' },
    ]);
  }
}

/** The body's size was bounded before it was read (body-limit.ts, in front of this app). */
async function readJsonBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.trim() === '') return {};
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new RestError(415, 'Send the body as JSON with the header Content-Type: application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new RestError(400, `The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RestError(400, 'The request body must be a JSON object');
  }
  const reserved = reservedKeyPath(body);
  if (reserved) throw reservedKeyError(reserved);
  return body as Record<string, unknown>;
}

/** `__proto__`, `constructor` and `prototype` are refused wherever they appear (docs/errors.md). */
function reservedKeyError(path: (string | number)[]): RestError {
  const message = reservedKeyMessage(path.at(-1) ?? '');
  return new RestError(400, `${path.join('.')}: ${message}`, [{ path, message }]);
}

/** A value given both in the URL (or a header) and in the body must agree. */
function put(input: Record<string, unknown>, key: string, value: unknown, where: string) {
  if (key in input && input[key] !== value) {
    throw new RestError(400, `${key}: differs from the ${where}`, [
      { path: [key], message: `differs from the ${where}` },
    ]);
  }
  input[key] = value;
}

async function inputOf(req: Request, url: URL, op: RestOperation, params: Record<string, string>) {
  const input: Record<string, unknown> = {};
  if (op.method === 'GET' || op.method === 'DELETE') {
    for (const key of new Set(url.searchParams.keys())) {
      if (RESERVED_KEYS.has(key)) throw reservedKeyError([key]);
      input[key] = fromQuery(url.searchParams.getAll(key), op.fields[key]);
    }
  } else {
    Object.assign(input, await readJsonBody(req));
  }
  for (const [name, raw] of Object.entries(params)) {
    put(input, name, fromQuery([decode(raw, name)], op.fields[name]), `${name} in the URL`);
  }
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (key !== null && op.method !== 'GET') {
    if (!op.idempotent) {
      throw new RestError(
        400,
        `${IDEMPOTENCY_HEADER} is only accepted on creating requests (POST /participants, POST /sessions, POST /decisions/{decision_id}/decide, POST /participants/bulk-actions)`,
      );
    }
    put(input, IDEMPOTENCY_FIELD, key, `${IDEMPOTENCY_HEADER} header`);
  }
  return input;
}

function toRestError(error: unknown, log: Logger): RestError {
  if (error instanceof RestError) return error;
  if (error instanceof TRPCError) {
    const { message, issues } = publicError(error);
    return new RestError(getHTTPStatusCodeFromError(error), message, issues ?? []);
  }
  log.error({ err: error }, 'REST request failed');
  return new RestError(500, 'Something went wrong on our side');
}

export interface RestApiOptions {
  readonly createContext: (opts: { req: Request }) => Promise<BaseContext>;
  readonly log: Logger;
}

/** The `/api/v1` answers: the public OpenAPI document, then every route of the table. */
export function createRestApi(options: RestApiOptions): (c: Context) => Promise<Response> {
  const operations = restOperations();
  return async (c) => {
    const req = c.req.raw;
    const url = new URL(req.url);
    const path = url.pathname.slice(url.pathname.indexOf(REST_BASE) + REST_BASE.length).replace(/\/+$/, '') || '/';
    if (path === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) return c.json(openApiDocument());
    const { found, allowed } = route(operations, req.method, path);
    if (!found) {
      if (allowed.length === 0) return restError(404, `No route for ${req.method} ${REST_BASE}${path}`);
      const allow = allowed.join(', ');
      const res = restError(405, `${req.method} is not allowed on ${REST_BASE}${path}: use ${allow}`);
      res.headers.set('Allow', allow);
      return res;
    }
    try {
      const input = await inputOf(req, url, found.op, found.params);
      const ctx = await options.createContext({ req });
      const data = await call(found.op.procedure, ctx, input);
      if (found.op.download === 'csv') return csvFile(data as { filename: string; csv: string });
      return c.json(data as object, 200);
    } catch (e) {
      const error = toRestError(e, options.log);
      return restError(error.status, error.message, error.issues);
    }
  };
}

/** A file the browser saves under its name; the name is ours (ASCII, no quotes), never the caller's. */
const csvFile = ({ filename, csv }: { filename: string; csv: string }) =>
  new Response(csv, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    },
  });

/**
 * The operation a request is for: of the routes whose path matches, the one for its method with the most literal
 * segments (`/evaluation-stages/export` before `/evaluation-stages/{id}`), or else the methods the path allows.
 */
function route(operations: readonly RestOperation[], method: string, path: string) {
  let found: { readonly op: RestOperation; readonly params: Record<string, string> } | undefined;
  const allowed = new Set<string>();
  for (const op of operations) {
    const params = op.match(path);
    if (!params) continue;
    if (op.method !== method) allowed.add(op.method);
    else if (!found || op.literalSegments > found.op.literalSegments) found = { op, params };
  }
  return { found, allowed: [...allowed] };
}

/**
 * Calls a procedure of the app's router as tRPC's server-side caller does (its input, the context, its type), without
 * building the caller's proxy for each request.
 */
function call(path: string, ctx: BaseContext, input: unknown): Promise<unknown> {
  const procedure = procedures[path];
  if (!procedure) throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
  return procedure({
    path,
    getRawInput: async () => input,
    ctx,
    type: procedure._def.type,
    signal: undefined,
    batchIndex: 0,
  });
}
const procedures = appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure | undefined>;
