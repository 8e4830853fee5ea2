import { NOW } from '@stageflow/testing';
import { describe, expect, test } from 'vitest';
import { PORTAL_COOKIE } from '../auth/portal-tokens.ts';
import { setupApi } from '../testing.ts';
import { buildPipeline, person } from '../testing-pipeline.ts';
import { createApp } from './app.ts';
import { databaseLimiters } from './limiter-store.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';

const DAY = 86_400_000;

/** The whole app over one database, with the portal pages, a clock the test moves, and a link for Jane. */
async function setup(publicUrl = 'http://localhost:3000') {
  let now = NOW;
  const clock = () => now;
  const t = setupApi({ now: clock });
  const { template } = await buildPipeline(t.api);
  const jane = await t.api.participants.create({ evaluation_template_id: template.id, ...person('Jane <b>Doe</b>') });
  const link = await t.api.participants.portalLink({ participant_id: jane.id, expires_in_days: 2 });
  const app = createApp({
    createContext: async () => {
      throw new Error('no staff API in these tests');
    },
    authHandler: async () => new Response(null, { status: 404 }),
    log: t.deps.log,
    isReady: () => true,
    limiterStore: databaseLimiters(t.db),
    publicUrl,
    portal: { storage: t.deps.storage, secret: 'portal-test-secret', now: clock },
  });
  const linkRow = () =>
    t.db.$client.prepare('select last_opened_at, revoked_at from portal_links where participant_id = ?').get(jane.id);
  const portalEvents = async () =>
    (await t.api.participants.timeline({ id: jane.id, limit: 100 })).items
      .filter((e) => e.type.startsWith('portal_'))
      .map((e) => [e.type, e.actor]);
  const path = `/p/${link.token}`;
  const open = (headers: Record<string, string> = {}) => app.request(path, { method: 'POST', headers });
  return {
    t,
    app,
    jane,
    template,
    link,
    path,
    open,
    linkRow,
    portalEvents,
    at: (iso: string) => {
      now = iso;
    },
  };
}

describe('GET /p/{token}', () => {
  test('shows a Continue form that posts back, and changes nothing (mail scanners follow links)', async () => {
    const { app, path, linkRow, portalEvents } = await setup();
    const res = await app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<form method="post" action="${path}">`);
    expect(html).toContain('>Continue</button>');
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<script|<style|style=/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    await app.request(path);
    expect(linkRow()).toEqual({ last_opened_at: null, revoked_at: null });
    expect(await portalEvents()).toEqual([['portal_link_created', expect.stringMatching(/^user:/)]]);
  });

  test('the pages pass the CSP: their only stylesheet is our own file', async () => {
    const { app, path } = await setup();
    const res = await app.request(path);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY.styleSrc).toContain("'self'");
    const css = await app.request('/p/portal.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  test.each([
    ['an unknown token', `/p/sfp_${'A'.repeat(43)}`, 404, 'This link does not work'],
    ['something that is not a token', '/p/hello', 404, 'This link does not work'],
    ['a path under /p that is no page', '/p/sessions/abc/nothing', 404, 'This link does not work'],
  ])('%s gets a page that says so', async (_, url, status, title) => {
    const { app } = await setup();
    const res = await app.request(url);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(title);
  });

  test("a page's failure is the app's own 500, logged, with nothing of the error shown", async () => {
    const { t } = await setup();
    const failing = {
      ...t.deps.storage,
      reads: {
        ...t.deps.storage.reads,
        portalLinks: {
          ...t.deps.storage.reads.portalLinks,
          byHash: async () => {
            throw new Error('the disk is on fire');
          },
        },
      },
    };
    const logged: unknown[] = [];
    const log = Object.assign(Object.create(t.deps.log), { error: (...args: unknown[]) => logged.push(args) });
    const app = createApp({
      createContext: async () => {
        throw new Error('no staff API in these tests');
      },
      authHandler: async () => new Response(null, { status: 404 }),
      log,
      isReady: () => true,
      limiterStore: databaseLimiters(t.db),
      portal: { storage: failing, secret: 'portal-test-secret' },
    });
    const res = await app.request(`/p/sfp_${'A'.repeat(43)}`);
    expect([res.status, await res.json()]).toEqual([500, { error: 'Something went wrong on our side' }]);
    expect(logged).toEqual([[{ err: expect.objectContaining({ message: 'the disk is on fire' }) }, 'unhandled error']]);
  });

  test('an expired link says it expired; a revoked one that it is no longer valid', async () => {
    const { t, app, path, jane, at } = await setup();
    at(new Date(Date.parse(NOW) + 3 * DAY).toISOString());
    let res = await app.request(path);
    expect([res.status, await res.text()]).toEqual([410, expect.stringContaining('This link has expired')]);

    at(NOW);
    await t.api.participants.portalLink({ participant_id: jane.id });
    res = await app.request(path);
    expect([res.status, await res.text()]).toEqual([410, expect.stringContaining('This link is no longer valid')]);
  });
});

describe('POST /p/{token}', () => {
  test('sets the participant cookie, records the opening as the participant, and redirects to /p/', async () => {
    const { app, open, jane, linkRow, portalEvents } = await setup();
    const res = await open();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/p/');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${PORTAL_COOKIE.replace('.', '\\.')}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).not.toMatch(/better-auth|session_token/);
    expect(linkRow()).toEqual({ last_opened_at: NOW, revoked_at: null });
    expect(await portalEvents()).toEqual([
      ['portal_link_opened', `participant:${jane.id}`],
      ['portal_link_created', expect.stringMatching(/^user:/)],
    ]);

    const home = await app.request('/p/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Hello Jane &lt;b&gt;Doe&lt;/b&gt;');
    expect(html).toContain('Your evaluation: <strong>Senior Backend Engineer</strong>');
    expect(html).toContain('<h2 id="stages-heading">Your stages</h2>');
    expect(html).toContain('aria-current="step"');
    expect(html).not.toMatch(/<script|<style|style=/);
  });

  test('the cookie is Secure when PUBLIC_URL is https', async () => {
    const { open } = await setup('https://stageflow.example.com');
    expect((await open()).headers.get('set-cookie')).toMatch(/; Secure/);
  });

  test('an expired or revoked link is refused with its page, sets no cookie and records nothing', async () => {
    const { t, open, jane, at, linkRow } = await setup();
    at(new Date(Date.parse(NOW) + 3 * DAY).toISOString());
    let res = await open();
    expect([res.status, res.headers.get('set-cookie')]).toEqual([410, null]);
    expect(await res.text()).toContain('This link has expired');

    at(NOW);
    await t.api.participants.revokePortalLink({ participant_id: jane.id });
    res = await open();
    expect([res.status, res.headers.get('set-cookie')]).toEqual([410, null]);
    expect(await res.text()).toContain('This link is no longer valid');
    expect(linkRow()).toMatchObject({ last_opened_at: null });
  });

  test('a post from another site is refused', async () => {
    const { open, linkRow } = await setup();
    const res = await open({ 'sec-fetch-site': 'cross-site' });
    expect([res.status, res.headers.get('set-cookie')]).toEqual([403, null]);
    expect(await res.text()).toContain('Open your link directly');
    expect(linkRow()).toMatchObject({ last_opened_at: null });
  });
});

describe('GET /p/', () => {
  test('shows a booked session in its own time zone, and an ended evaluation in plain words', async () => {
    const { t, app, open, jane } = await setup();
    const cookie = (await open()).headers.get('set-cookie')!.split(';')[0]!;
    await t.api.sessions.schedule({
      participant_id: jane.id,
      scheduled_at: '2026-03-20T14:30:00.000Z',
      timezone: 'Europe/Berlin',
    });
    let html = await (await app.request('/p/', { headers: { cookie } })).text();
    expect(html).toContain('<h2 id="sessions-heading">Your sessions</h2>');
    // 15:30 in Berlin (ICU versions differ on the comma after the weekday).
    expect(html).toMatch(/<time datetime="2026-03-20T14:30:00.000Z">Friday,? 20 March 2026 at 15:30<\/time>/);
    expect(html).toContain('Your session for this stage is booked');

    await t.api.participants.withdraw({ participant_id: jane.id });
    html = await (await app.request('/p/', { headers: { cookie } })).text();
    expect(html).toContain('You have withdrawn from this evaluation.');
    expect(html).not.toContain('What happens next');
  });

  test('without a session, or with a forged or revoked one, asks to open the link again', async () => {
    const { t, app, open, jane } = await setup();
    expect((await app.request('/p/')).status).toBe(401);
    expect((await app.request('/p/', { headers: { cookie: `${PORTAL_COOKIE}=forged.mac` } })).status).toBe(401);
    const cookie = (await open()).headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request('/p/', { headers: { cookie } })).status).toBe(200);
    await t.api.participants.revokePortalLink({ participant_id: jane.id });
    const after = await app.request('/p/', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('Open your link again');
  });

  test("the portal cookie has its own name, never better-auth's staff session cookie", async () => {
    const { open } = await setup();
    const cookie = (await open()).headers.get('set-cookie')!;
    expect(cookie.startsWith('stageflow.portal=')).toBe(true);
    expect(cookie).not.toContain('session_token');
  });
});
