/**
 * The REST route table, read from the router: every procedure whose meta declares an `openapi`
 * route, with what the adapter (rest.ts) and the document (openapi.ts) need to know about it.
 */
import type { z } from 'zod';
import type { Scope } from '../auth/scopes.ts';
import { appRouter } from '../routers/index.ts';
import type { ProcedureMeta, RestRoute } from '../trpc.ts';

export const REST_BASE = '/api/v1';
/** The REST header that becomes a creating procedure's `idempotency_key` input. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_FIELD = 'idempotency_key';

export type Schema = z.core.$ZodType;
interface SchemaDef {
  readonly type: string;
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly element?: Schema;
  readonly shape?: Record<string, Schema>;
  readonly catchall?: Schema;
}
export const defOf = (schema: Schema) => schema._zod.def as unknown as SchemaDef;

/** The schema under optional / nullable / default / prefault / readonly wrappers and pipes. */
export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

export interface RestOperation {
  readonly method: RestRoute['method'];
  /** As in the OpenAPI document, relative to `/api/v1`: `/sessions/{session_id}/start`. */
  readonly path: string;
  /** The tRPC path, `sessions.start`. */
  readonly procedure: string;
  readonly scope: Scope | undefined;
  readonly route: RestRoute;
  /** The input object's fields, to read query strings by their declared types. */
  readonly fields: Readonly<Record<string, Schema>>;
  readonly idempotent: boolean;
  /** Answered as a file to save (`{ filename, csv }` → `text/csv`), not as JSON. */
  readonly download: ProcedureMeta['download'];
  /** A strict input object: unknown keys are refused (400), so the document says so. */
  readonly strict: boolean;
  readonly match: (path: string) => Record<string, string> | undefined;
  /** Literal segments win over parameters: `/evaluation-stages/export` before `/evaluation-stages/{id}`. */
  readonly literalSegments: number;
}

type ProcedureRecord = Record<string, { _def: { type: string; meta?: ProcedureMeta; inputs: Schema[] } }>;

/** Every procedure with an `openapi` route, read from the router: the route table. */
export function restOperations(): RestOperation[] {
  const procedures = appRouter._def.procedures as unknown as ProcedureRecord;
  return Object.entries(procedures).flatMap(([procedure, { _def }]) => {
    const route = _def.meta?.openapi;
    if (!route || route.enabled === false) return [];
    const input = _def.inputs[0];
    const object = input ? defOf(unwrap(input)) : undefined;
    const fields = object?.shape ?? {};
    const segments = route.path.split('/').filter(Boolean);
    const pattern = new RegExp(
      `^/${segments.map((s) => (s.startsWith('{') ? '([^/]+)' : escapeRegExp(s))).join('/')}$`,
    );
    const names = segments.filter((s) => s.startsWith('{')).map((s) => s.slice(1, -1));
    return [
      {
        method: route.method,
        path: route.path,
        procedure,
        scope: _def.meta?.scope,
        route,
        fields,
        idempotent: IDEMPOTENCY_FIELD in fields,
        download: _def.meta?.download,
        strict: object?.catchall !== undefined && defOf(object.catchall).type === 'never',
        literalSegments: segments.length - names.length,
        match: (path: string) => {
          const found = pattern.exec(path);
          if (!found) return undefined;
          return Object.fromEntries(names.map((name, i) => [name, found[i + 1]!]));
        },
      },
    ];
  });
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
