/**
 * The pages a participant's portal link opens (docs/surfaces.md#portal-links), served by the server as
 * plain HTML: no script at all (the CSP of docs/decisions/013-security-headers-and-csp.md holds as it
 * is), one small stylesheet of our own, readable on a phone.
 *
 * - `GET /p/{token}` shows a Continue button and changes nothing: mail scanners and link previews
 *   follow links, so opening the page must not use the link or mark it opened.
 * - `POST /p/{token}` (that button's form) exchanges the token for the participant's own session
 *   cookie, records the opening, and redirects to `/p/`.
 * - `GET /p/` is the portal itself for that session (a greeting for now).
 * An unknown, expired or revoked link gets a page that says which, never an error page.
 */
import type { Repositories, StoragePort } from '@stageflow/db';
import { type PortalLinkStatus, portalLinkStatus } from '@stageflow/domain';
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { openPortalLinkByToken } from '../application/portal-links.ts';
import {
  hashPortalToken,
  isPortalTokenShape,
  PORTAL_COOKIE,
  PORTAL_SESSION_HOURS,
  readPortalSession,
  signPortalSession,
} from '../auth/portal-tokens.ts';

export interface PortalPageOptions {
  readonly storage: StoragePort;
  readonly repos: Repositories;
  /** Signs the portal session cookie (the server's secret, as for staff sessions). */
  readonly secret: string;
  /** PUBLIC_URL: https makes the cookie `Secure`. */
  readonly publicUrl: string;
  readonly now?: () => string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A whole page; `body` is already HTML (escape what came from people). */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Stageflow</title>
<link rel="stylesheet" href="/p/portal.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const PORTAL_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f8fafc}
main{max-width:32rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:1.5rem;line-height:1.3;margin:0 0 1rem}
p{margin:0 0 1rem}
button{width:100%;min-height:3rem;font:inherit;font-weight:600;color:#fff;background:#4f46e5;border:0;border-radius:.5rem;cursor:pointer}
button:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}
`;

const REFUSED: Record<
  'unknown' | Exclude<PortalLinkStatus, 'active'>,
  { title: string; text: string; status: 404 | 410 }
> = {
  unknown: {
    title: 'This link does not work',
    text: 'We could not find this link. Check that you opened the whole link from your message, or ask the team that sent it for a new one.',
    status: 404,
  },
  expired: {
    title: 'This link has expired',
    text: 'Links to your evaluation work for a limited time. Ask the team that sent it for a new one.',
    status: 410,
  },
  revoked: {
    title: 'This link is no longer valid',
    text: 'The team replaced or withdrew this link. If you were sent a newer one, use that; otherwise ask them for a new link.',
    status: 410,
  },
};

const refusedPage = (why: keyof typeof REFUSED) =>
  page(REFUSED[why].title, `<h1>${escapeHtml(REFUSED[why].title)}</h1>\n<p>${escapeHtml(REFUSED[why].text)}</p>`);

export function createPortalPages(options: PortalPageOptions) {
  const now = options.now ?? (() => new Date().toISOString());
  const secure = options.publicUrl.startsWith('https:');
  const app = new Hono();

  app.use('/p/*', async (c, next) => {
    await next();
    // A link's pages carry its token in the URL: nothing of them is kept or indexed.
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
  });

  app.get('/p/portal.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(PORTAL_CSS);
  });

  const home = (c: Context) => {
    const cookie = getCookie(c, PORTAL_COOKIE);
    const session = cookie ? readPortalSession(options.secret, cookie, now()) : null;
    const link = session && options.repos.portalLinks.byId(session.workspace_id, session.link_id);
    const participant =
      session && link && portalLinkStatus(link, now()) === 'active'
        ? options.repos.portalLinks.participant(session.workspace_id, session.participant_id)
        : undefined;
    if (!participant) {
      const title = 'Open your link again';
      return c.html(
        page(
          title,
          `<h1>${title}</h1>\n<p>Your session has ended, or this device has not opened your link yet. Open the link you were sent to continue.</p>`,
        ),
        401,
      );
    }
    return c.html(
      page(
        'Your evaluation',
        `<h1>Hello ${escapeHtml(participant.name)}</h1>\n<p>You are in <strong>${escapeHtml(participant.template_name)}</strong>.</p>`,
      ),
    );
  };
  app.get('/p/', home);
  app.get('/p', (c) => c.redirect('/p/', 301));

  app.get('/p/:token', (c) => {
    const token = c.req.param('token');
    const link = isPortalTokenShape(token) ? options.repos.portalLinks.byHash(hashPortalToken(token)) : undefined;
    if (!link) return c.html(refusedPage('unknown'), 404);
    const status = portalLinkStatus(link, now());
    if (status !== 'active') return c.html(refusedPage(status), REFUSED[status].status);
    return c.html(
      page(
        'Continue to your evaluation',
        `<h1>Your evaluation</h1>
<p>This private link opens your evaluation. Continue on this device to see where you stand.</p>
<form method="post" action="/p/${encodeURIComponent(token)}">
<button type="submit">Continue</button>
</form>`,
      ),
    );
  });

  app.post('/p/:token', async (c) => {
    // The form is ours: a page on another site may not post a token into someone's browser.
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      const title = 'Open your link directly';
      return c.html(
        page(title, `<h1>${title}</h1>\n<p>Open the link you were sent in your browser, then press Continue.</p>`),
        403,
      );
    }
    const opened = await openPortalLinkByToken({ storage: options.storage, now }, c.req.param('token'));
    if ('refused' in opened) {
      const why = opened.refused === 'active' ? 'unknown' : opened.refused;
      return c.html(refusedPage(why), REFUSED[why].status);
    }
    const at = now();
    const end = new Date(
      Math.min(Date.parse(at) + PORTAL_SESSION_HOURS * 3_600_000, Date.parse(opened.link.expires_at)),
    );
    setCookie(
      c,
      PORTAL_COOKIE,
      signPortalSession(options.secret, {
        workspace_id: opened.participant.workspace_id,
        participant_id: opened.participant.id,
        link_id: opened.link.id,
        expires_at: end.toISOString(),
      }),
      {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        maxAge: Math.max(1, Math.floor((end.getTime() - Date.parse(at)) / 1000)),
      },
    );
    return c.redirect('/p/', 303);
  });

  return app;
}
