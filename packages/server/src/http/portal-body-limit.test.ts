/**
 * The portal's API and its pages' forms are bounded like every other prefix (docs/decisions/014-request-limits.md):
 * a participant's session cannot make the server read an unbounded body.
 */
import { describe, expect, test } from 'vitest';
import { portalApiCaller, setupPortal } from '../testing-portal.ts';

const overOneMegabyte = JSON.stringify({ answers: 'a'.repeat(1024 * 1024 + 1) });

describe('portal request bodies', () => {
  test('a body over 1 MB to the portal API is refused with 413, and a normal one still works', async () => {
    const { app, janeLink } = await setupPortal();
    const call = portalApiCaller(app);
    const refused = await call(janeLink.token, 'POST', '/consent', overOneMegabyte);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: 'The request body is larger than 1 MB', issues: [] });
    expect((await call(janeLink.token, 'GET', '/me')).status).toBe(200);
  });

  test('a form over 1 MB to a portal page is refused with 413 before it is read', async () => {
    const { app } = await setupPortal();
    const refused = await app.request('/p/start', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `stage_id=${'a'.repeat(1024 * 1024 + 1)}`,
    });
    expect(refused.status).toBe(413);
  });
});
