/**
 * The pages a participant's portal link opens (docs/surfaces.md#portal-links), served by the server as
 * plain HTML: no inline script or style (the CSP of docs/decisions/013-security-headers-and-csp.md holds as
 * it is), one small stylesheet of our own, readable on a phone. Only the written assessment's page loads a
 * script file of ours (portal-answer-pages.ts), and it works without it.
 *
 * - `GET /p/{token}` shows a Continue button and changes nothing: mail scanners and link previews
 *   follow links, so opening the page must not use the link or mark it opened.
 * - `POST /p/{token}` (that button's form) exchanges the token for the participant's own session
 *   cookie, records the opening, and redirects to `/p/`.
 * - `GET /p/` is the portal itself for that session: their stages (with the feedback they may read), what
 *   comes next, their sessions, and the final recommendation where the template shows it.
 * An unknown, expired or revoked link gets a page that says which, never an error page.
 *
 * Every word on these pages is the participant's copy (packages/domain/src/portal/copy, their template's
 * language; docs/surfaces.md#portal-language): `access.copy` once they are known, the link's participant's
 * for a link's own pages, else their browser's `Accept-Language`. No English lives in this file.
 */
import type { StoragePort } from '@stageflow/db';
import {
  assessmentInProgress,
  DomainError,
  type PortalCopy,
  type PortalLinkStatus,
  type PortalView,
  portalCanStartNow,
  portalCopyForBrowser,
  portalLinkStatus,
  portalRefusalMessage,
} from '@stageflow/domain';
import { type Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { hasInterview } from '../application/interview.ts';
import { openPortalLinkByToken } from '../application/portal-links.ts';
import { startPortalSession, withdrawFromPortal } from '../application/portal-sessions.ts';
import {
  hashPortalToken,
  isPortalTokenShape,
  PORTAL_COOKIE,
  PORTAL_SESSION_HOURS,
  signPortalSession,
} from '../auth/portal-tokens.ts';
import { type InterviewerDeps, interviewerDeps } from '../interviewer/deps.ts';
import type { InterviewRunContext } from '../interviewer/runner.ts';
import type { Logger } from '../logger.ts';
import { type PortalAccess, type PortalLimits, participantCopy, portalAccess, portalViewFor } from './portal-access.ts';
import { answersLink, mountAnswerPages } from './portal-answer-pages.ts';
import { interviewRunContext } from './portal-api.ts';
import { continueInterviewLink, interviewPath, registerInterviewPages } from './portal-interview-pages.ts';
import { registerNoticePages } from './portal-notice-pages.ts';
import { aboutYouOffer, mountSelfIdentificationPages } from './portal-self-identification-pages.ts';

export interface PortalPageOptions {
  readonly storage: StoragePort;
  /** Signs the portal session cookie (the server's secret, as for staff sessions). */
  readonly secret: string;
  /** PUBLIC_URL: https makes the cookie `Secure`. */
  readonly publicUrl: string;
  /** Per link and per address limits (portal-access.ts); none when absent. */
  readonly limits?: PortalLimits | undefined;
  readonly now?: () => string;
  /** The interviewer's model and its client settings; none (the plan) when absent. */
  readonly interviewer?: InterviewerDeps | undefined;
  readonly log?: Logger | undefined;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The words for a visitor the portal cannot name yet: their browser's language where the portal has it. */
export const browserCopy = (c: Context): PortalCopy => portalCopyForBrowser(c.req.header('accept-language'));

/**
 * A whole page in `copy`'s language (`<html lang>`); `body` is already HTML (escape what came from people,
 * and every string of the copy). `head` adds our own script tags.
 */
export function page(copy: PortalCopy, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(copy.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Stageflow</title>
<link rel="stylesheet" href="/p/portal.css">${head}
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
h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
section{margin:0 0 1rem}
.notice{padding:.75rem 1rem;background:#eef2ff;border-radius:.5rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
dt{color:#4b5563}
dd{margin:0;font-weight:600}
ol,ul{list-style:none;margin:0;padding:0}
li{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;padding:.75rem 1rem;margin:0 0 .5rem;background:#fff;border:1px solid #e5e7eb;border-radius:.5rem}
.stage-name{font-weight:600;flex:1 1 12rem}
.stage-meta{color:#4b5563;font-size:.875rem}
.stage-state{font-size:.875rem;font-weight:600;padding:0 .5rem;border-radius:1rem;background:#f1f5f9}
.current{border:2px solid #4f46e5}
.current .stage-state{background:#4f46e5;color:#fff}
.done .stage-state{background:#dcfce7;color:#166534}
.feedback{flex:1 1 100%;min-width:0;margin-top:.25rem;padding-top:.5rem;border-top:1px solid #e5e7eb}
.feedback h3{font-size:.875rem;margin:0 0 .25rem;color:#4b5563}
.feedback p{margin:0;white-space:pre-line;overflow-wrap:anywhere}
form+form{margin-top:.75rem}
form+p{margin-top:1.25rem}
button.secondary{color:#3730a3;background:#fff;border:2px solid #4f46e5}
.button-link{display:flex;align-items:center;justify-content:center;min-height:3rem;font-weight:600;color:#fff;background:#4f46e5;border-radius:.5rem;text-decoration:none}
.button-link:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}
.points li{display:block}
`;

type RefusedLink = 'unknown' | Exclude<PortalLinkStatus, 'active'>;
const REFUSED_STATUS: Record<RefusedLink, 404 | 410> = { unknown: 404, expired: 410, revoked: 410 };

/** A page with a heading and a paragraph, both the copy's words. */
const notePage = (copy: PortalCopy, title: string, text: string, more = '') =>
  page(copy, title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>${more}`);

const refusedPage = (copy: PortalCopy, why: RefusedLink) => notePage(copy, copy.link[why].title, copy.link[why].text);

function tooMany(c: Context, seconds: number, copy: PortalCopy) {
  c.header('Retry-After', String(seconds));
  return c.html(notePage(copy, copy.tooMany.title, copy.tooMany.text), 429);
}

/** Back to the portal's home page. */
export const backLink = (copy: PortalCopy) => `<p><a href="/p/">${escapeHtml(copy.common.back)}</a></p>`;

/** On `/p/`, for an AI-run stage whose notice they have not answered: where to read it (portal-notice-pages.ts). */
const readNoticeLink = (copy: PortalCopy) =>
  `\n<p><a class="button-link" href="/p/notice">${escapeHtml(copy.home.readNotice)}</a></p>`;

/** Starts the current stage's session now (`POST /p/start`); offered only when the rules would allow it. */
const startNowForm = (copy: PortalCopy) =>
  `\n<form method="post" action="/p/start">\n<button type="submit">${escapeHtml(copy.home.startNow)}</button>\n</form>`;

/** The portal itself: the participant's own view (packages/domain/src/portal/view.ts), as HTML in `copy`'s words. */
export function portalBody(
  view: PortalView,
  copy: PortalCopy,
  offers: {
    readonly startNow?: boolean;
    readonly withdraw?: boolean;
    readonly readNotice?: boolean;
    /** The written assessment under way (portal-answer-pages.ts). */
    readonly answers?: { readonly href: string; readonly label: string } | undefined;
    /** The session whose interview is under way, to continue it (docs/rules.md#the-interview). */
    readonly interviewSessionId?: string | undefined;
    /** The voluntary questions about them: not answered yet, or answered (portal-self-identification-pages.ts). */
    readonly aboutYou?: 'offer' | 'answered' | undefined;
  } = {},
): string {
  const e = escapeHtml;
  const h = copy.home;
  const parts = [
    `<h1>${e(h.hello(view.name))}</h1>`,
    `<p>${e(h.evaluation)} <strong>${e(view.template_name)}</strong></p>`,
  ];
  if (view.closing) parts.push(`<p class="notice">${e(view.closing)}</p>`);
  // Only there when the template lets participants see it (docs/rules.md#what-a-participant-sees-of-their-results).
  if (view.recommendation) {
    parts.push(
      `<section aria-labelledby="result-heading">\n<h2 id="result-heading">${e(h.recommendation)}</h2>\n<p><strong>${e(view.recommendation)}</strong></p>\n</section>`,
    );
  }
  if (view.next) {
    const n = view.next;
    const facts = [
      `<dt>${e(h.stage)}</dt><dd>${e(n.stage_name)}</dd>`,
      `<dt>${e(h.attemptsLeft)}</dt><dd>${e(h.attemptsOf(n.attempts_left, n.attempts_allowed))}</dd>`,
      n.retake_opens_at
        ? `<dt>${e(h.retakeFrom)}</dt><dd><time datetime="${e(n.retake_opens_at)}">${e(copy.dates.utc(n.retake_opens_at))}</time></dd>`
        : '',
      n.next_stage_name ? `<dt>${e(h.afterThis)}</dt><dd>${e(n.next_stage_name)}</dd>` : '',
    ];
    parts.push(
      `<section aria-labelledby="next-heading">\n<h2 id="next-heading">${e(h.next)}</h2>\n<p>${e(n.message)}</p>\n<dl>${facts.join('')}</dl>${offers.startNow ? startNowForm(copy) : ''}${offers.readNotice ? readNoticeLink(copy) : ''}${offers.answers ? `\n<p><a class="button-link" href="${e(offers.answers.href)}">${e(offers.answers.label)}</a></p>` : ''}${offers.interviewSessionId ? continueInterviewLink(copy, offers.interviewSessionId, e) : ''}\n</section>`,
    );
  }
  if (view.stages.length > 0) {
    const items = view.stages.map((s) => {
      const meta = [s.stage_type, s.duration_minutes ? h.minutes(s.duration_minutes) : ''].filter(Boolean).join(' · ');
      const current = s.state === 'current' ? ' aria-current="step"' : '';
      const feedback = s.feedback ? `<div class="feedback"><h3>${e(h.feedback)}</h3><p>${e(s.feedback)}</p></div>` : '';
      return `<li class="stage ${s.state}"${current}><span class="stage-name">${e(s.stage_name)}</span><span class="stage-meta">${e(meta)}</span><span class="stage-state">${e(copy.stageStates[s.state])}</span>${feedback}</li>`;
    });
    parts.push(
      `<section aria-labelledby="stages-heading">\n<h2 id="stages-heading">${e(h.stages)}</h2>\n<ol class="stages">\n${items.join('\n')}\n</ol>\n</section>`,
    );
  }
  if (view.sessions.length > 0) {
    const items = view.sessions.map(
      (s) =>
        `<li><span class="stage-name">${e(s.stage_name)}</span> <time datetime="${e(s.scheduled_at)}">${e(copy.dates.inZone(s.scheduled_at, s.timezone))}</time> <span class="stage-meta">(${e(s.timezone)}) · ${e(copy.sessionStatuses[s.status])}</span></li>`,
    );
    parts.push(
      `<section aria-labelledby="sessions-heading">\n<h2 id="sessions-heading">${e(h.sessions)}</h2>\n<ul class="sessions">\n${items.join('\n')}\n</ul>\n</section>`,
    );
  }
  if (offers.aboutYou) parts.push(aboutYouOffer(copy, offers.aboutYou === 'answered'));
  if (offers.withdraw) parts.push(`<p><a href="/p/withdraw">${e(h.withdraw)}</a></p>`);
  return parts.join('\n');
}

export function createPortalPages(options: PortalPageOptions) {
  const now = options.now ?? (() => new Date().toISOString());
  const secure = options.publicUrl.startsWith('https:');
  const app = new Hono();
  const interviewer = options.interviewer ?? interviewerDeps();
  const contextFor = (access: PortalAccess) => interviewRunContext({ ...options, now, interviewer }, access);
  const { reads } = options.storage;

  /** A 429 page when the link has had its share of requests this minute, else null. */
  const limited = async (c: Context, linkId: string, copy: PortalCopy) => {
    const refused = options.limits ? await options.limits.token(linkId) : null;
    return refused ? tooMany(c, refused.retryAfter, copy) : null;
  };

  /** The words of a link's own pages: its participant's template language. */
  const linkCopy = (link: { readonly workspace_id: string; readonly participant_id: string }) =>
    participantCopy(reads, link.workspace_id, link.participant_id);

  app.use('/p/*', async (c, next) => {
    const refused = options.limits ? await options.limits.address(c) : null;
    if (refused) return tooMany(c, refused.retryAfter, browserCopy(c));
    await next();
    // A link's pages carry its token in the URL: nothing of them is kept or indexed.
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
  });

  app.get('/p/portal.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(PORTAL_CSS);
  });

  const home = async (c: Context) => {
    const at = now();
    const access = await portalAccess(c, options, at);
    const view = access ? await portalViewFor(reads, access, at) : undefined;
    if (!access || !view) {
      const copy = access?.copy ?? browserCopy(c);
      return c.html(notePage(copy, copy.signedOut.title, copy.signedOut.home), 401);
    }
    const refused = await limited(c, access.link_id, access.copy);
    if (refused) return refused;
    const loaded = await reads.participants.load.participant(access.workspace_id, access.participant_id);
    const startNow = loaded ? portalCanStartNow(loaded.state, at) : false;
    // An AI-run stage not yet answered: the notice first (docs/rules.md#consent-to-an-ai-run-stage).
    const readNotice = view.next?.consent === 'needed';
    const assessment = loaded && assessmentInProgress(loaded.state);
    const answers = assessment
      ? answersLink(
          access.copy,
          assessment,
          (await reads.answers.forSession(access.workspace_id, assessment)).submission !== null,
        )
      : undefined;
    // The session under way, when it has an interview to take here.
    let interviewSessionId: string | undefined;
    for (const s of loaded?.state.sessions ?? []) {
      if (s.status !== 'in_progress' || !(await hasInterview(contextFor(access), access.participant_id, s.id)))
        continue;
      interviewSessionId = s.id;
      break;
    }
    // The voluntary questions come after the AI notice: while one waits to be read, it is the next thing.
    const answered = await reads.selfIdentification.byParticipant(access.workspace_id, access.participant_id);
    const aboutYou = readNotice ? undefined : answered ? ('answered' as const) : ('offer' as const);
    const offers = { startNow, withdraw: view.status === 'active', readNotice, answers, interviewSessionId, aboutYou };
    return c.html(page(access.copy, access.copy.home.title, portalBody(view, access.copy, offers)));
  };
  app.get('/p/', home);
  app.get('/p', (c) => c.redirect('/p/', 301));

  /** The participant's own session for a page, or the page that asks them to open their link again. */
  const signedIn = async (c: Context, at: string) => {
    const access = await portalAccess(c, options, at);
    if (!access) {
      const copy = browserCopy(c);
      return c.html(notePage(copy, copy.signedOut.title, copy.signedOut.elsewhere), 401);
    }
    return (await limited(c, access.link_id, access.copy)) ?? access;
  };

  /**
   * A portal form that runs one command as the participant, then goes back to their page. The form is
   * ours: another site may not post it for someone (403); the domain's refusal is a page saying why (409).
   * `titles` picks the form's words from the copy: the participant's, or their browser's before they are known.
   */
  const commandForm = <T>(
    path: string,
    titles: (copy: PortalCopy) => { crossSite: string; crossSiteText: string; refused: string },
    run: (ctx: InterviewRunContext, participantId: string, c: Context) => Promise<T>,
    next: string | ((c: Context, result: T) => string) = '/p/',
  ) =>
    app.post(path, async (c) => {
      if (c.req.header('sec-fetch-site') === 'cross-site') {
        const copy = browserCopy(c);
        return c.html(notePage(copy, titles(copy).crossSite, titles(copy).crossSiteText), 403);
      }
      const access = await signedIn(c, now());
      if (access instanceof Response) return access;
      let result: T;
      try {
        result = await run(contextFor(access), access.participant_id, c);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const { copy } = access;
        return c.html(
          notePage(copy, titles(copy).refused, portalRefusalMessage(error, copy), `\n${backLink(copy)}`),
          409,
        );
      }
      return c.redirect(typeof next === 'string' ? next : next(c, result), 303);
    });

  // Registered before `/p/:token`.
  mountAnswerPages(app, { ...options, now, signedIn, scoringContext: contextFor });
  mountSelfIdentificationPages(app, { ...options, now, signedIn });
  commandForm(
    '/p/start',
    (copy) => ({
      crossSite: copy.start.crossSiteTitle,
      crossSiteText: copy.start.crossSiteText,
      refused: copy.start.refused,
    }),
    async (ctx, participantId) => {
      const session = await startPortalSession(ctx, participantId, { timezone: 'UTC' });
      return (await hasInterview(ctx, participantId, session.id)) ? interviewPath(session.id) : '/p/';
    },
    // An AI-run stage goes straight to its interview (docs/rules.md#the-interview).
    (_c, next) => next,
  );

  // Withdrawing asks first: a page that explains, and a form that confirms.
  app.get('/p/withdraw', async (c) => {
    const at = now();
    const access = await signedIn(c, at);
    if (access instanceof Response) return access;
    // An evaluation that has ended takes no command: say so, and offer no form.
    const view = await portalViewFor(reads, access, at);
    const { copy } = access;
    const w = copy.withdraw;
    if (view?.closing) return c.html(notePage(copy, w.endedTitle, view.closing, `\n${backLink(copy)}`));
    const form = `
<form method="post" action="/p/withdraw">
<button type="submit">${escapeHtml(w.yes)}</button>
</form>
<p><a href="/p/">${escapeHtml(w.no)}</a></p>`;
    return c.html(notePage(copy, w.title, w.text, form));
  });

  commandForm(
    '/p/withdraw',
    (copy) => ({
      crossSite: copy.withdraw.crossSiteTitle,
      crossSiteText: copy.withdraw.crossSiteText,
      refused: copy.withdraw.refused,
    }),
    (ctx, participantId) => withdrawFromPortal(ctx, participantId),
  );

  registerNoticePages({
    app,
    page,
    escapeHtml,
    backLink,
    now,
    signedIn,
    context: contextFor,
    commandForm,
  });
  registerInterviewPages({ app, page, escapeHtml, backLink, now, signedIn, context: contextFor, commandForm });

  app.get('/p/:token', async (c) => {
    const token = c.req.param('token');
    const link = isPortalTokenShape(token) ? await reads.portalLinks.byHash(hashPortalToken(token)) : undefined;
    if (!link) return c.html(refusedPage(browserCopy(c), 'unknown'), 404);
    const copy = await linkCopy(link);
    const refused = await limited(c, link.id, copy);
    if (refused) return refused;
    const status = portalLinkStatus(link, now());
    if (status !== 'active') return c.html(refusedPage(copy, status), REFUSED_STATUS[status]);
    const l = copy.link;
    return c.html(
      page(
        copy,
        l.title,
        `<h1>${escapeHtml(l.heading)}</h1>
<p>${escapeHtml(l.text)}</p>
<form method="post" action="/p/${encodeURIComponent(token)}">
<button type="submit">${escapeHtml(l.continue)}</button>
</form>`,
      ),
    );
  });

  app.post('/p/:token', async (c) => {
    // The form is ours: a page on another site may not post a token into someone's browser.
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      const copy = browserCopy(c);
      return c.html(notePage(copy, copy.link.crossSiteTitle, copy.link.crossSiteText), 403);
    }
    const token = c.req.param('token');
    const presented = isPortalTokenShape(token) ? await reads.portalLinks.byHash(hashPortalToken(token)) : undefined;
    const copy = presented ? await linkCopy(presented) : browserCopy(c);
    const refused = presented && (await limited(c, presented.id, copy));
    if (refused) return refused;
    const opened = await openPortalLinkByToken({ storage: options.storage, now }, token);
    if ('refused' in opened) {
      const why = opened.refused === 'active' ? 'unknown' : opened.refused;
      return c.html(refusedPage(copy, why), REFUSED_STATUS[why]);
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

  // Any other path under /p is a link mistyped or cut short: the page a link that does not work shows.
  app.notFound((c) => c.html(refusedPage(browserCopy(c), 'unknown'), 404));
  return app;
}
