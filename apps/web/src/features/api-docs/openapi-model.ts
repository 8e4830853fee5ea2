/**
 * Reads the server's OpenAPI document (`GET /api/v1/openapi.json`) into what the API docs page shows:
 * operations grouped by tag, their parameters and body fields with readable types, responses, and a
 * curl command. Pure functions over the JSON, so they are tested without a browser.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  examples?: unknown[];
};

interface RawParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

interface RawOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema; example?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  'x-required-scope'?: string;
  /** Each entry is one way in: `{ ApiKey: [] }`, or `{ PortalToken: [] }` for the participant portal. */
  security?: Record<string, string[]>[];
}

interface RawSecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  tags?: { name: string }[];
  /** A path item may name its own server (the portal's paths are written out in full under `/`). */
  paths: Record<string, Record<string, RawOperation>>;
  /** What the server sends (OpenAPI 3.1): one entry per webhook type, its request as an operation. */
  webhooks?: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, RawSecurityScheme> };
}

export interface Field {
  /** Dotted for nested fields: `profile.title`, `dimension_scores[].score`. */
  name: string;
  type: string;
  required: boolean;
  /** Limits and defaults in words: `0–100`, `default 30`. */
  notes: string[];
  description?: string;
  depth: number;
}

export interface Parameter extends Field {
  in: string;
}

export interface Response {
  status: string;
  description: string;
  /** The component the body is, when it is one (for a link to the Schemas section). */
  schemaName?: string;
  type?: string;
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  scope?: string;
  parameters: Parameter[];
  body: Field[];
  bodyRequired: boolean;
  responses: Response[];
  curl: string;
}

export interface TagGroup {
  tag: string;
  operations: OperationView[];
}

export interface SchemaView {
  name: string;
  fields: Field[];
}

const METHOD_ORDER = ['get', 'post', 'patch', 'put', 'delete'];

export const refName = (ref: string) => ref.replace('#/components/schemas/', '');

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[refName(schema.$ref)]);
  return schema;
}

/** `null`'s partner in `X | null`, and everything else as is. */
function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.some((o) => o.type === 'null')) {
    const rest = options.filter((o) => o.type !== 'null');
    return { schema: rest.length === 1 ? rest[0]! : { anyOf: rest }, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const rest = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  return { schema, nullable: false };
}

/** A type as a person reads it: `string (uuid)`, `"a" | "b"`, `integer`, `Session[]`, `X | null`. */
export function typeLabel(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) return refName(schema.$ref);
  const { schema: inner, nullable } = withoutNull(schema);
  if (nullable) return `${typeLabel(inner)} | null`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.map(typeLabel).join(' | ');
  if (schema.allOf?.length === 1) return typeLabel(schema.allOf[0]);
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  if (type === 'array') {
    const item = typeLabel(schema.items);
    return item.includes(' ') ? `(${item})[]` : `${item}[]`;
  }
  if (type === 'string' && schema.format) return `string (${schema.format})`;
  if (type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
    return `map of ${typeLabel(schema.additionalProperties)}`;
  }
  return type ?? 'any';
}

/** JSON Schema's stand-ins for "no limit" (zod's int bounds) say nothing to a reader. */
const limit = (n: number | undefined) => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);

function range(rawMin: number | undefined, rawMax: number | undefined, unit = ''): string | undefined {
  const min = limit(rawMin);
  const max = limit(rawMax);
  if (min !== undefined && max !== undefined) return `${min}–${max}${unit}`;
  if (min !== undefined) return `≥ ${min}${unit}`;
  if (max !== undefined) return `≤ ${max}${unit}`;
  return undefined;
}

/** Limits and the default, in a few words each. */
export function notesOf(schema: JsonSchema): string[] {
  const { schema: s } = withoutNull(schema);
  const notes = [
    range(s.minimum ?? s.exclusiveMinimum, s.maximum),
    range(s.minLength, s.maxLength, ' characters'),
    range(s.minItems, s.maxItems, ' items'),
  ].filter((n): n is string => n !== undefined && n !== '≥ 0 characters' && n !== '≥ 1 characters');
  const fallback = schema.default ?? s.default;
  if (fallback !== undefined && !(typeof fallback === 'object' && fallback !== null && !Array.isArray(fallback))) {
    notes.push(`default ${JSON.stringify(fallback)}`);
  }
  return notes;
}

/** An object's fields, nested objects and arrays of objects flattened with dotted names (3 levels). */
export function fieldsOf(doc: OpenApiDocument, schema: JsonSchema | undefined, prefix = '', depth = 0): Field[] {
  const object = resolve(doc, schema);
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).flatMap(([key, raw]) => {
    const name = `${prefix}${key}`;
    const field: Field = {
      name,
      type: typeLabel(raw),
      required: required.has(key),
      notes: notesOf(resolve(doc, raw)),
      depth,
      ...(raw.description ? { description: raw.description } : {}),
    };
    if (depth >= 2 || raw.$ref) return [field];
    const inner = withoutNull(raw).schema;
    if (inner.type === 'object' && inner.properties) return [field, ...fieldsOf(doc, inner, `${name}.`, depth + 1)];
    const item = inner.type === 'array' ? inner.items : undefined;
    if (item && !item.$ref && item.type === 'object' && item.properties) {
      return [field, ...fieldsOf(doc, item, `${name}[].`, depth + 1)];
    }
    return [field];
  });
}

/** A value that fits a schema, for examples of bodies without one of their own. */
export function sampleOf(doc: OpenApiDocument, raw: JsonSchema | undefined, depth = 0): unknown {
  const schema = withoutNull(resolve(doc, raw)).schema;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return sampleOf(doc, options[0], depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'date-time') return '2030-01-01T09:00:00.000Z';
      if (schema.format === 'email') return 'jane@example.com';
      return 'text';
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return depth > 3 || !schema.minItems ? [] : [sampleOf(doc, schema.items, depth + 1)];
    case 'object': {
      if (depth > 3) return {};
      const required = schema.required ?? [];
      return Object.fromEntries(required.map((key) => [key, sampleOf(doc, schema.properties?.[key], depth + 1)]));
    }
    default:
      return null;
  }
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export const API_KEY_HEADER = '-H "x-api-key: $STAGEFLOW_API_KEY"';
export const PORTAL_TOKEN_HEADER = '-H "Authorization: Bearer $PORTAL_TOKEN"';

/** How a curl example signs in: a portal link's token for a bearer route, else the API key. */
export function authHeaderOf(doc: OpenApiDocument, op: { security?: Record<string, string[]>[] }): string {
  const schemes = (op.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const bearer = schemes.some((name) => {
    const scheme = doc.components?.securitySchemes?.[name];
    return scheme?.type === 'http' && scheme.scheme === 'bearer';
  });
  return bearer ? PORTAL_TOKEN_HEADER : API_KEY_HEADER;
}

/** Where a path's requests go: its own server when it names one (`/` is the origin), else the document's. */
export function baseOf(doc: OpenApiDocument, path: string): string {
  const own = (doc.paths[path] as { servers?: { url: string }[] } | undefined)?.servers?.[0]?.url;
  const base = own ?? doc.servers?.[0]?.url ?? '';
  return base.replace(/\/+$/, '');
}

/**
 * A curl command that works once `STAGEFLOW_API_KEY` (or `PORTAL_TOKEN`, with `auth`) is exported:
 * path parameters as `$SESSION_ID`.
 */
export function curlFor(
  origin: string,
  base: string,
  method: string,
  path: string,
  query: Parameter[],
  body: unknown,
  auth: string = API_KEY_HEADER,
): string {
  const url = `${origin}${base}${path.replace(/\{([^}]+)\}/g, (_, name: string) => `$${name.toUpperCase()}`)}`;
  const required = query.filter((p) => p.required && p.in === 'query');
  const search = required.length ? `?${required.map((p) => `${p.name}=$${p.name.toUpperCase()}`).join('&')}` : '';
  const lines = [`curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "${url}${search}"`];
  lines.push(auth);
  if (body !== undefined) {
    lines.push(`-H "content-type: application/json"`);
    lines.push(`-d ${shellQuote(JSON.stringify(body, null, 2))}`);
  }
  return lines.join(' \\\n  ');
}

export function operationsOf(doc: OpenApiDocument, origin: string): TagGroup[] {
  const groups = new Map<string, OperationView[]>((doc.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHOD_ORDER.includes(method)) continue;
      const parameters: Parameter[] = (op.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        type: typeLabel(p.schema),
        required: p.required ?? false,
        notes: notesOf(resolve(doc, p.schema)),
        depth: 0,
        ...(p.description ? { description: p.description } : {}),
      }));
      const media = op.requestBody?.content?.['application/json'];
      const bodyExample = media ? (media.example ?? sampleOf(doc, media.schema)) : undefined;
      const responses: Response[] = Object.entries(op.responses ?? {}).map(([status, r]) => {
        const schema = r.content?.['application/json']?.schema;
        return {
          status,
          description: r.description ?? '',
          ...(schema?.$ref ? { schemaName: refName(schema.$ref) } : schema ? { type: typeLabel(schema) } : {}),
        };
      });
      const view: OperationView = {
        id: op.operationId ?? `${method}-${path}`,
        method,
        path,
        summary: op.summary ?? '',
        ...(op.description ? { description: op.description } : {}),
        ...(op['x-required-scope'] ? { scope: op['x-required-scope'] } : {}),
        parameters,
        body: media ? fieldsOf(doc, media.schema) : [],
        bodyRequired: op.requestBody?.required ?? false,
        responses,
        curl: curlFor(origin, baseOf(doc, path), method, path, parameters, bodyExample, authHeaderOf(doc, op)),
      };
      const tag = op.tags?.[0] ?? 'Other';
      groups.set(tag, [...(groups.get(tag) ?? []), view]);
    }
  }
  return [...groups.entries()]
    .filter(([, ops]) => ops.length > 0)
    .map(([tag, ops]) => ({
      tag,
      operations: ops.sort(
        (a, b) => a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
      ),
    }));
}

/** A webhook Stageflow sends: its type, what it means, its headers, its body's fields and an example body. */
export interface WebhookView {
  type: string;
  description?: string;
  headers: Parameter[];
  body: Field[];
  example: string;
}

/** The document's `webhooks`, in its order: what a receiver gets for each type. */
export function webhooksOf(doc: OpenApiDocument): WebhookView[] {
  return Object.entries(doc.webhooks ?? {}).flatMap(([type, item]) => {
    const op = item.post;
    if (!op) return [];
    const media = op.requestBody?.content?.['application/json'];
    return [
      {
        type,
        ...(op.description ? { description: op.description } : {}),
        headers: (op.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          type: typeLabel(p.schema),
          required: p.required ?? false,
          notes: [],
          depth: 0,
          ...(p.description ? { description: p.description } : {}),
        })),
        body: media ? fieldsOf(doc, media.schema) : [],
        example: JSON.stringify(media ? sampleOf(doc, media.schema) : {}, null, 2),
      },
    ];
  });
}

/** The named schemas (responses point at them), with their fields. */
export function schemasOf(doc: OpenApiDocument): SchemaView[] {
  return Object.entries(doc.components?.schemas ?? {})
    .map(([name, schema]) => ({ name, fields: fieldsOf(doc, schema) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Anchors for tags, operations and schemas. */
export const anchor = (kind: 'tag' | 'op' | 'schema', name: string) =>
  `${kind}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
