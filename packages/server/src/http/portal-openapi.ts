/**
 * The portal API (`/api/portal/v1`, docs/surfaces.md#portal-api) in the OpenAPI document, beside the
 * staff API (docs/decisions/018-portal-api-in-the-openapi-document.md): each route of `PORTAL_ROUTES`
 * with its zod schemas turned into JSON Schema by zod-openapi (the generator trpc-to-openapi uses for
 * the staff routes), its own security schemes (the link's token as a bearer, or the portal cookie) and
 * its own error body. Its paths are written out in full (`/api/portal/v1/me`) under a path-level
 * server of `/`, so they never clash with the staff paths, which are relative to `/api/v1`.
 */
import type { OpenAPIObject } from 'trpc-to-openapi';
import { z } from 'zod';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { PORTAL_COOKIE } from '../auth/portal-tokens.ts';
import { PORTAL_API_BASE } from './portal-api.ts';
import { PORTAL_ROUTES, PORTAL_SCHEMAS, type PortalRoute } from './portal-routes.ts';
import { IDEMPOTENCY_HEADER } from './rest-routes.ts';

export const PORTAL_TAG = 'Participant portal';

export const PORTAL_SECURITY_SCHEMES = {
  PortalToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      "The token of the participant's portal link (`sfp_…`, the end of the link staff made). Staff credentials never reach the portal.",
  },
  PortalCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: PORTAL_COOKIE,
    description: "The participant's session cookie, set when they press Continue on their link's page.",
  },
} as const;

/** The portal's error body: one message, in the participant's words, that never names an internal id. */
const PortalError = z
  .object({ error: z.string().meta({ example: 'You already have a session booked for Essay.' }) })
  .meta({ description: "A refusal in the participant's words; it never names an internal id." });

const ERRORS: Record<string, string> = {
  '400': 'The body or a header does not parse: `error` names the field',
  '401': 'No portal credential, or its link expired, was revoked or was replaced',
  '404': 'The session is not one of yours',
  '409':
    'The rules refuse it now (a session already open, the cool-down, no attempt left, an evaluation that has ended …): `error` says why',
  '429': 'Too many requests for this link or from this address: wait `Retry-After` seconds',
  '503': 'The interviewer is unavailable; your answers are saved. Ask again with `POST …/turns/resume`',
};

/** A streamed answer (`Accept: text/event-stream`), as the document describes it. */
const EVENT_STREAM = z.string().meta({
  description:
    'Server-sent events: `turn` (a stored turn, JSON), `delta` (`{"text"}`: the interviewer’s words as they come), `end` (the interview’s state after, JSON), or `error` (`{"error"}` in the participant’s words: the interviewer is unavailable, the answer is saved).',
});

/** Which errors a route can answer, from its shape. */
function errorStatuses(route: PortalRoute, method: string, path: string): string[] {
  return [
    ...(route.body || route.idempotent ? ['400'] : []),
    '401',
    ...(path.includes('/:') ? ['404'] : []),
    ...(method !== 'get' || route.refusable ? ['409'] : []),
    '429',
    ...(route.streams ? ['503'] : []),
  ];
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

/** `POST /sessions/:id/finish` → `['post', '/api/portal/v1/sessions/{id}/finish']`. */
export function portalRoutePath(route: PortalRoute['route']): [method: 'get' | 'post' | 'put', path: string] {
  const [method, path] = route.split(' ') as [string, string];
  return [method.toLowerCase() as 'get' | 'post' | 'put', `${PORTAL_API_BASE}${path.replace(/:(\w+)/g, '{$1}')}`];
}

function portalPaths(): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of PORTAL_ROUTES) {
    const [method, path] = portalRoutePath(route.route);
    const params = [...route.route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const errors = errorStatuses(route, method, route.route);
    paths[path] = {
      ...paths[path],
      servers: [{ url: '/' }],
      [method]: {
        operationId: ['portal', method, ...route.route.split(' ')[1]!.split(/[/:]+/).filter(Boolean)].join('-'),
        tags: [PORTAL_TAG],
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        security: [{ PortalToken: [] }, { PortalCookie: [] }],
        ...(params.length > 0
          ? {
              requestParams: {
                path: z.object(
                  Object.fromEntries(
                    params.map((p) => [p, z.string().meta({ description: `The ${p} an answer gave` })]),
                  ),
                ),
              },
            }
          : {}),
        ...(route.idempotent
          ? {
              parameters: [
                {
                  name: IDEMPOTENCY_HEADER,
                  in: 'header' as const,
                  required: false,
                  description:
                    'Any unique string (1–200 printable characters, no spaces), yours alone. A retry with the same key and body makes nothing twice (no second session, no second answer) and answers the first; the same key with another body is a 409.',
                  schema: { type: 'string' as const, minLength: 1, maxLength: 200 },
                },
              ],
            }
          : {}),
        ...(route.body ? { requestBody: { required: route.bodyRequired === true, content: json(route.body) } } : {}),
        responses: {
          [route.creates ? '201' : '200']: {
            description: route.summary,
            content: {
              ...json(route.answer),
              ...(route.streams ? { 'text/event-stream': { schema: EVENT_STREAM } } : {}),
            },
          },
          ...Object.fromEntries(
            errors.map((status) => [
              status,
              {
                description: ERRORS[status]!,
                content: json(PortalError),
                ...(status === '429'
                  ? {
                      headers: {
                        'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } },
                      },
                    }
                  : {}),
              },
            ]),
          ),
        },
      },
    };
  }
  return paths;
}

/** Adds the portal API to the staff document: its paths, schemas, security schemes and tag. */
export function addPortalApi(doc: OpenAPIObject): void {
  const portal = createDocument({
    openapi: '3.1.0',
    info: { title: 'Stageflow portal', version: '1.0.0' },
    paths: portalPaths(),
    components: { schemas: { ...PORTAL_SCHEMAS, PortalError } },
  });
  doc.paths ??= {};
  for (const [path, item] of Object.entries(portal.paths ?? {})) {
    if (doc.paths[path]) throw new Error(`OpenAPI: the portal path ${path} is already in the document`);
    doc.paths[path] = item;
  }
  doc.components ??= {};
  doc.components.schemas ??= {};
  for (const [name, schema] of Object.entries(portal.components?.schemas ?? {})) {
    if (doc.components.schemas[name]) throw new Error(`OpenAPI: the portal schema ${name} is already in the document`);
    doc.components.schemas[name] = schema;
  }
  doc.components.securitySchemes = { ...doc.components.securitySchemes, ...PORTAL_SECURITY_SCHEMES };
  doc.tags = [...(doc.tags ?? []), { name: PORTAL_TAG }];
}
