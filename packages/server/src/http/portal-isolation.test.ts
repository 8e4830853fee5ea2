import { describe, expect, test } from 'vitest';
import { essayStage, portalApiCaller, setupPortal } from '../testing-portal.ts';
import { PORTAL_ROUTES } from './portal-routes.ts';

/**
 * A body each route accepts, so that the answer is about whose record it is and not about the body. A
 * route whose body needs more gets an entry here (the test fails with a 400 until it does).
 */
const VALID_BODY: Record<string, unknown> = {
  'PUT /sessions/:id/answers': { answers: [] },
  'POST /sessions/:id/turns': { text: 'An answer of mine' },
};

/**
 * One participant's credential never reaches another's records, on every route of the portal API that
 * names a record by id: the route table the OpenAPI document is built from drives the test, so a route
 * added later is covered without touching this file.
 */
describe('the portal API keeps each participant to their own records', () => {
  test("John's token on Jane's session is a 404 on every route with an id, and changes nothing", async () => {
    const { app, janeLink, johnLink } = await setupPortal({
      stages: [essayStage({ question_set: [{ id: 'why', prompt: 'Why this role?' }] })],
    });
    const api = portalApiCaller(app);
    const call = (token: string, method: string, path: string, body: unknown = {}) =>
      api(token, method, path, method === 'GET' ? undefined : body);
    const started = await call(janeLink.token, 'POST', '/sessions');
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    const before = await (await call(janeLink.token, 'GET', `/sessions/${id}`)).text();

    const withId = PORTAL_ROUTES.filter((r) => r.route.includes(':id'));
    expect(withId.length).toBeGreaterThanOrEqual(4);
    for (const { route } of withId) {
      const [method = 'GET', path = ''] = route.split(' ');
      const res = await call(johnLink.token, method, path.replace(':id', id), VALID_BODY[route]);
      expect(res.status, route).toBe(404);
      // The refusal names nothing of Jane's.
      expect(await res.text(), route).not.toContain(id);
    }
    // Jane's session is as it was.
    expect(await (await call(janeLink.token, 'GET', `/sessions/${id}`)).text()).toBe(before);
  });
});
