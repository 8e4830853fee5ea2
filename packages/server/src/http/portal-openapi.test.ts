import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { setupPortal } from '../testing-portal.ts';
import { PORTAL_API_BASE } from './portal-api.ts';
import { PORTAL_TAG, portalRoutePath } from './portal-openapi.ts';
import { PORTAL_ROUTES } from './portal-routes.ts';

/**
 * The portal API in the OpenAPI document (docs/surfaces.md#openapi-document): every route portal-api.ts
 * registers is described, and what the routes really answer fits what the document says.
 */

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  tags: string[];
  security: Json[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }>; headers?: Json }>;
}
interface Document {
  paths: Record<string, Record<string, Operation> & { servers?: { url: string }[] }>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

async function setup() {
  const portal = await setupPortal({
    stages: [
      { type: 'essay', stage_type: 'async_assessment', pass_threshold: 60, automation_rule: 'auto_advance' },
      { type: 'final', stage_type: 'final_review', pass_threshold: 80 },
    ],
  });
  const doc = (await (await portal.app.request('/api/v1/openapi.json')).json()) as Document;
  return { ...portal, doc };
}

/** The schema with every `#/components/schemas/…` reference written out, so zod can read it. */
function inline(doc: Document, schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((s) => inline(doc, s));
  if (!schema || typeof schema !== 'object') return schema;
  const { $ref, ...rest } = schema as Json;
  if (typeof $ref === 'string') return inline(doc, doc.components.schemas[$ref.replace('#/components/schemas/', '')]);
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inline(doc, v)]));
}

/** The documented operation a concrete request reaches (`/api/portal/v1/sessions/abc` → `…/{id}`). */
function operationFor(doc: Document, method: string, path: string): Operation {
  const found = Object.entries(doc.paths).find(([template]) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
  const operation = found?.[1][method.toLowerCase()] as Operation | undefined;
  if (!operation) throw new Error(`${method} ${path} is not in the document`);
  return operation;
}

/** Fails unless the answer's status is documented for its route and its body fits that status's schema. */
async function expectDocumented(doc: Document, method: string, path: string, res: Response) {
  const response = operationFor(doc, method, path).responses[String(res.status)];
  expect(response, `${method} ${path} answered ${res.status}, which the document does not list`).toBeDefined();
  const schema = z.fromJSONSchema(inline(doc, response!.content!['application/json']!.schema) as never);
  const body: unknown = await res.json();
  const fits = schema.safeParse(body);
  expect(fits.success, `${method} ${path} ${res.status}: ${JSON.stringify(fits.error?.issues)}`).toBe(true);
  return body as Json;
}

describe('the portal API in GET /api/v1/openapi.json', () => {
  test('every route portal-api.ts registers is in the route table and the document, and nothing else is', async () => {
    const { app, doc } = await setup();
    const registered = app.routes
      .filter((r) => r.path.startsWith(`${PORTAL_API_BASE}/`) && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.slice(PORTAL_API_BASE.length)}`);
    expect(registered.length).toBeGreaterThanOrEqual(5);
    expect([...new Set(registered)].sort()).toEqual(PORTAL_ROUTES.map((r) => r.route).sort());
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith(`${PORTAL_API_BASE}/`))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => key !== 'servers')
          .map((method) => `${method} ${path}`),
      );
    expect(documented.sort()).toEqual(PORTAL_ROUTES.map((r) => portalRoutePath(r.route).join(' ')).sort());
  });

  test('each portal route: its own tag, server, security schemes, path parameters and error body', async () => {
    const { doc } = await setup();
    for (const route of PORTAL_ROUTES) {
      const [method, path] = portalRoutePath(route.route);
      const item = doc.paths[path]!;
      const op = item[method] as Operation;
      expect(item.servers, path).toEqual([{ url: '/' }]);
      expect(op.tags).toEqual([PORTAL_TAG]);
      expect(op.operationId).toMatch(/^portal-/);
      expect(op.security).toEqual([{ PortalToken: [] }, { PortalCookie: [] }]);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name)).toEqual(templated);
      for (const p of declared) expect(p.required).toBe(true);
      expect(op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key') ?? false).toBe(
        route.idempotent === true,
      );
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '429']));
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/PortalError' });
      }
      expect(Object.keys(op.responses['429']!.headers ?? {})).toEqual(['Retry-After']);
    }
    expect(doc.components.schemas.PortalView).toBeDefined();
    expect(doc.components.schemas.PortalSessionDetail).toBeDefined();
  });

  test('what the portal really answers fits the document, success and refusal alike', async () => {
    const { app, doc, janeLink } = await setup();
    const call = async (method: string, route: string, body?: unknown, auth = true) => {
      const path = `${PORTAL_API_BASE}${route}`;
      // A body the document's request schema refuses is refused by the server too (400), and the other way round.
      const op = operationFor(doc, method, path);
      const requestSchema = op.requestBody && inline(doc, op.requestBody.content['application/json']!.schema);
      const fitsRequest = !requestSchema || z.fromJSONSchema(requestSchema as never).safeParse(body ?? {}).success;
      const res = await app.request(path, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${janeLink.token}` } : {}),
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!fitsRequest) expect(res.status, `${method} ${route}`).toBe(400);
      if (res.status < 300) expect(fitsRequest, `${method} ${route}`).toBe(true);
      return expectDocumented(doc, method, path, res);
    };

    expect(await call('GET', '/me')).toMatchObject({ name: 'Jane Doe', status: 'active' });
    await call('GET', '/me', undefined, false);
    const later = new Date(Date.parse(NOW) + 3_600_000).toISOString();
    const booked = await call('POST', '/sessions', { at: later, timezone: 'Europe/Paris' });
    expect(booked).toMatchObject({ status: 'scheduled' });
    await call('POST', '/sessions', {});
    await call('POST', '/sessions', { at: 'tomorrow' });
    expect(await call('GET', `/sessions/${booked.id}`)).toEqual(booked);
    await call('GET', '/sessions/unknown');
    await call('POST', `/sessions/${booked.id}/finish`);
    // A written assessment's answers (this essay has no questions): read, a refused save and submit, a bad body.
    expect(await call('GET', `/sessions/${booked.id}/answers`)).toMatchObject({ editable: false, questions: [] });
    await call('GET', '/sessions/unknown/answers');
    await call('PUT', `/sessions/${booked.id}/answers`, { answers: [] });
    await call('PUT', `/sessions/${booked.id}/answers`, { answers: 'all of them' });
    await call('POST', `/sessions/${booked.id}/submit`);
    expect(await call('POST', '/withdraw', { note: 'Another offer' })).toMatchObject({ status: 'withdrawn' });
    await call('POST', '/withdraw', {});
  });
});
