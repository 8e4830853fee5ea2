import { interviewerInput } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { appRouter } from '../routers/index.ts';
import { REQUEST_EXAMPLES } from './openapi.ts';
import { restOperations } from './rest-routes.ts';
import { ALL_KEY, restApp } from './rest-testing.ts';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  operationId: string;
  security: Json[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: Json }>; headers?: Record<string, Json> }
  >;
  'x-required-scope'?: string;
}

async function fetchDocument() {
  const t = restApp();
  t.state.signedOut = true;
  const res = await t.app.request('/api/v1/openapi.json');
  return { res, doc: (await res.json()) as Json & { paths: Record<string, Record<string, Operation>> } };
}

/** The staff API's operations: the portal's are under their own full paths (portal-openapi.test.ts). */
const operationsOf = (doc: { paths: Record<string, Record<string, Operation>> }) =>
  Object.entries(doc.paths)
    .filter(([path]) => !path.startsWith('/api/portal/'))
    .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

describe('GET /api/v1/openapi.json', () => {
  test('is public and is an OpenAPI 3 document titled Stageflow with the x-api-key scheme (and the portal’s)', async () => {
    const { res, doc } = await fetchDocument();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Stageflow', version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect((doc.components as Json).securitySchemes).toEqual({
      ApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: expect.any(String) },
      PortalToken: { type: 'http', scheme: 'bearer', description: expect.any(String) },
      PortalCookie: { type: 'apiKey', in: 'cookie', name: 'stageflow.portal', description: expect.any(String) },
    });
  });

  test('every operation is well formed: unique ids, declared path parameters, described responses, security', async () => {
    const { doc } = await fetchDocument();
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(25);
    expect(new Set(ops.map((o) => o.operation.operationId)).size).toBe(ops.length);
    for (const { path, method, operation } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(['get', 'post', 'patch', 'put', 'delete'], where).toContain(method);
      // A file to save may say its kind: `/participants/export.csv`.
      expect(path, where).toMatch(/^\/[a-z0-9\-/{}_]+(\.csv)?$/);
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(declared.map((p) => p.name).sort(), where).toEqual(templated.sort());
      for (const p of declared) expect(p.required, `${where} ${p.name}`).toBe(true);
      const keys = (operation.parameters ?? []).map((p) => `${p.in}:${p.name}`);
      expect(new Set(keys).size, where).toBe(keys.length);
      expect(operation.security, where).toEqual([{ ApiKey: [] }]);
      expect(operation.responses['200'], where).toBeDefined();
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.description, `${where} ${status}`).toEqual(expect.any(String));
        if (Number(status) >= 400) {
          expect(response.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
      expect(Object.keys(operation.responses), where).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
      // Clients can read their limit from any answer, and how long to wait from a 429.
      expect(Object.keys(operation.responses['200']?.headers ?? {}), where).toEqual([
        'RateLimit-Limit',
        'RateLimit-Remaining',
      ]);
      expect(Object.keys(operation.responses['429']?.headers ?? {}), where).toEqual([
        'Retry-After',
        'RateLimit-Limit',
        'RateLimit-Remaining',
      ]);
      if (method === 'get') expect(operation.requestBody, where).toBeUndefined();
    }
  });

  test('every $ref resolves, and the error schema is { error, issues }', async () => {
    const { doc } = await fetchDocument();
    const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
    for (const ref of new Set(refsIn(doc))) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
    }
    expect(schemas.Error).toMatchObject({ required: ['error', 'issues'] });
  });

  test('documents exactly the route table, each with the scope its procedure declares', async () => {
    const { doc } = await fetchDocument();
    const documented = operationsOf(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    const table = restOperations();
    expect(documented.sort()).toEqual(table.map((op) => `${op.method} ${op.path}`).sort());
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { scope?: string } } }>;
    for (const op of table) {
      expect(op.scope, op.procedure).toBeDefined();
      expect(op.scope).toBe(procedures[op.procedure]!._def.meta?.scope);
      expect(doc.paths[op.path]![op.method.toLowerCase()]!['x-required-scope']).toBe(op.scope);
    }
  });

  test("documents the seed's stage body and the Idempotency-Key header on creating requests", async () => {
    const { doc } = await fetchDocument();
    const body = doc.paths['/evaluation-stages']!.post!.requestBody!.content['application/json']!.schema;
    expect(body.required).toEqual(['evaluation_template_id', 'type']);
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(body.properties as Json)).toEqual(
      expect.arrayContaining([
        'evaluation_template_id',
        'type',
        'stage_name',
        'stage_type',
        'agent_profile_id',
        'stage_order',
        'duration_minutes',
        'pass_threshold',
        'allow_retake',
        'automation_rule',
      ]),
    );
    const withKey = operationsOf(doc)
      .filter((o) => o.operation.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))
      .map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(withKey.sort()).toEqual([
      'POST /decisions/{decision_id}/decide',
      'POST /participants',
      'POST /participants/bulk-actions',
      'POST /sessions',
    ]);
  });
});

test('every request example is a valid input of its procedure, and is in the document', async () => {
  const { doc } = await fetchDocument();
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { inputs: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }[] } }
  >;
  const table = restOperations();
  for (const [route, example] of Object.entries(REQUEST_EXAMPLES)) {
    const op = table.find((o) => `${o.method} ${o.path}` === route);
    expect(op, route).toBeDefined();
    const params = Object.fromEntries(
      [...op!.path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1], '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e']),
    );
    const parsed = procedures[op!.procedure]!._def.inputs[0]!.safeParse({ ...example, ...params });
    expect(parsed.success, `${route}: ${String(parsed.error)}`).toBe(true);
    const media = doc.paths[op!.path]![op!.method.toLowerCase()]!.requestBody!.content['application/json'];
    expect((media as unknown as { example: unknown }).example).toEqual(example);
  }
});

/** The same calls over REST and over tRPC (HTTP), each on a fresh app with the same ids and clock. */
describe('REST and tRPC give the same results', () => {
  test('for the participant journey', async () => {
    const rest = restApp();
    const trpc = restApp();
    const viaTrpc = async (path: string, input: unknown, query = false) => {
      const headers = { 'x-api-key': ALL_KEY, 'content-type': 'application/json' };
      const res = query
        ? await trpc.app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
        : await trpc.app.request(`/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
      expect(res.status, path).toBe(200);
      return ((await res.json()) as { result: { data: unknown } }).result.data;
    };
    const viaRest = async (method: string, path: string, body?: unknown) => {
      const res = await rest.call(method, path, body);
      expect(res.status, path).toBe(200);
      return res.body;
    };
    const both = async (restCall: () => Promise<unknown>, trpcCall: () => Promise<unknown>) => {
      const [a, b] = [await restCall(), await trpcCall()];
      expect(a).toEqual(b);
      return a as Record<string, never>;
    };

    const profile = await both(
      () => viaRest('POST', '/agent-profiles', interviewerInput()),
      () => viaTrpc('agentProfiles.create', interviewerInput()),
    );
    const templateBody = { template_name: 'Senior Backend Engineer', use_case: 'hiring' };
    const template = await both(
      () => viaRest('POST', '/evaluation-templates', templateBody),
      () => viaTrpc('templates.create', templateBody),
    );
    for (const stage of [
      {
        type: 'phone_screen',
        stage_name: 'Phone Screen',
        stage_order: 0,
        pass_threshold: 60,
        automation_rule: 'auto_advance',
      },
      {
        type: 'technical',
        stage_name: 'Technical Screen',
        stage_type: 'ai_interview',
        stage_order: 1,
        pass_threshold: 75,
        automation_rule: 'require_reviewer_approval',
      },
    ]) {
      const body = { evaluation_template_id: template.id, agent_profile_id: profile.id, ...stage };
      await both(
        () => viaRest('POST', '/evaluation-stages', body),
        () => viaTrpc('stages.create', body),
      );
    }
    const person = { evaluation_template_id: template.id, name: 'Jane', email: 'jane@example.com' };
    const jane = await both(
      () => viaRest('POST', '/participants', person),
      () => viaTrpc('participants.create', person),
    );
    const { session } = (await both(
      () => viaRest('POST', '/sessions', { participant_id: jane.id }),
      () => viaTrpc('sessions.schedule', { participant_id: jane.id }),
    )) as unknown as { session: { id: string } };
    const scores = {
      dimension_scores: [
        { name: 'Design', score: 8 },
        { name: 'Coding', score: 7 },
      ],
    };
    await both(
      () => viaRest('POST', `/sessions/${session.id}/complete`, scores),
      () => viaTrpc('sessions.complete', { session_id: session.id, ...scores }),
    );
    await both(
      () => viaRest('GET', `/participants/${jane.id}`),
      () => viaTrpc('participants.byId', { id: jane.id }, true),
    );
    await both(
      () => viaRest('GET', `/events?participant_id=${jane.id}&limit=3`),
      () => viaTrpc('events.list', { participant_id: jane.id, limit: 3 }, true),
    );
  });
});
