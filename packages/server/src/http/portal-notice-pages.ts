/**
 * The AI notice in the participant's portal (docs/surfaces.md#portal-links,
 * docs/rules.md#consent-to-an-ai-run-stage): `GET /p/notice` shows the notice of their current AI-run
 * stage with two forms, Accept (`POST /p/consent/accept`, then Start now is offered on `/p/`) and
 * "I'd rather speak with a person" (`POST /p/consent/decline`, then a confirmation here). Plain HTML,
 * no script, as every portal page. Every participant-facing string of the notice pages is in this file.
 */
import { DomainError, PortalConsentInput, type PortalConsentView } from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import { answerPortalConsent, readPortalConsent } from '../application/portal-consent.ts';
import type { PortalAccess } from './portal-access.ts';
import type { portalContext } from './portal-api.ts';

type PortalContext = ReturnType<typeof portalContext>;

/** What the portal pages lend this file: their page frame, their sign-in check and their command forms. */
export interface NoticePageKit {
  readonly app: Hono;
  readonly page: (title: string, body: string) => string;
  readonly escapeHtml: (text: string) => string;
  readonly now: () => string;
  /** The participant's own session, or the page that asks them to open their link again. */
  readonly signedIn: (c: Context, at: string) => Promise<PortalAccess | Response>;
  readonly context: (access: PortalAccess) => PortalContext;
  /** A same-origin form that runs one command as the participant, then redirects to `next`. */
  readonly commandForm: (
    path: string,
    titles: { crossSite: string; crossSiteText: string; refused: string },
    run: (ctx: PortalContext, participantId: string, c: Context) => Promise<unknown>,
    next?: string,
  ) => unknown;
}

/** On `/p/`, for an AI-run stage whose notice they have not answered: where to read it. */
export const READ_NOTICE_LINK = '\n<p><a class="button-link" href="/p/notice">Read about this stage</a></p>';

const BACK = '<p><a href="/p/">Back to your evaluation</a></p>';

/** The notice itself, section by section; `e` escapes what the team wrote. */
function noticeSections(view: PortalConsentView, e: (text: string) => string): string {
  const n = view.notice;
  const points =
    n.evaluates.length === 0
      ? ''
      : `<section aria-labelledby="evaluates-heading">
<h2 id="evaluates-heading">What it looks at</h2>
<ul class="points">
${n.evaluates.map((d) => `<li><strong>${e(d.name)}</strong>${d.description ? ` <span>${e(d.description)}</span>` : ''}</li>`).join('\n')}
</ul>
</section>`;
  const section = (id: string, heading: string, text: string) =>
    `<section aria-labelledby="${id}-heading">\n<h2 id="${id}-heading">${heading}</h2>\n<p>${e(text)}</p>\n</section>`;
  return [
    `<p class="notice">Please read this before you choose how to take this stage.</p>`,
    `<p>${e(n.about)}</p>`,
    points,
    section('duration', 'How long it takes', n.duration),
    section('review', 'Who decides', n.review),
    section('transcript', 'Your transcript', n.retention),
    section('alternative', 'If you would rather speak with a person', n.alternative),
    `<p>${e(n.contact)}</p>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The two answers, each its own form carrying the stage they read about. */
function answerForms(view: PortalConsentView, e: (text: string) => string): string {
  const stage = `<input type="hidden" name="stage_id" value="${e(view.stage_id)}">`;
  return `<form method="post" action="/p/consent/accept">
${stage}
<button type="submit">Accept</button>
</form>
<form method="post" action="/p/consent/decline">
${stage}
<button type="submit" class="secondary">I'd rather speak with a person</button>
</form>`;
}

function noticeBody(view: PortalConsentView, e: (text: string) => string): string {
  const stage = e(view.notice.stage_name);
  const org = e(view.notice.organization);
  switch (view.consent) {
    case 'needed':
      return `<h1>About ${stage}</h1>\n${noticeSections(view, e)}\n${answerForms(view, e)}\n${BACK}`;
    case 'accepted':
      return `<h1>About ${stage}</h1>
<p class="notice">You accepted: you can start ${stage} from your evaluation page whenever you are ready.</p>
${noticeSections(view, e)}
${BACK}`;
    case 'declined':
      return `<h1>A person will run ${stage}</h1>
<p class="notice">Thank you for telling us. A person from ${org} will run ${stage} with you instead of the AI interviewer, and will be in touch to arrange it. Nothing is held against you.</p>
<p>${e(view.notice.contact)}</p>
${BACK}`;
  }
}

/** The stage the form was for, checked by the domain's input schema (a missing or altered one is refused). */
async function formInput(c: Context, accepted: boolean) {
  const form = await c.req.parseBody();
  const parsed = PortalConsentInput.safeParse({ stage_id: form.stage_id, accepted });
  if (!parsed.success) {
    throw new DomainError(
      'BAD_REQUEST',
      'This form is out of date. Go back to your evaluation and open the notice again.',
    );
  }
  return parsed.data;
}

export function registerNoticePages(kit: NoticePageKit): void {
  const { app, page, escapeHtml: e } = kit;

  app.get('/p/notice', async (c) => {
    const access = await kit.signedIn(c, kit.now());
    if (access instanceof Response) return access;
    let view: PortalConsentView;
    try {
      view = readPortalConsent(kit.context(access), access.participant_id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const title = 'Nothing to read here now';
      return c.html(page(title, `<h1>${title}</h1>\n<p>${e(error.message)}</p>\n${BACK}`), 409);
    }
    const title = view.consent === 'declined' ? 'A person will run this stage' : `About ${view.notice.stage_name}`;
    return c.html(page(title, noticeBody(view, e)));
  });

  kit.commandForm(
    '/p/consent/accept',
    {
      crossSite: 'Answer from your portal',
      crossSiteText: 'Open your portal, then read about the stage.',
      refused: 'Your answer was not saved',
    },
    async (ctx, participantId, c) => answerPortalConsent(ctx, participantId, await formInput(c, true)),
  );
  kit.commandForm(
    '/p/consent/decline',
    {
      crossSite: 'Answer from your portal',
      crossSiteText: 'Open your portal, then read about the stage.',
      refused: 'Your answer was not saved',
    },
    async (ctx, participantId, c) => answerPortalConsent(ctx, participantId, await formInput(c, false)),
    // The confirmation: a person will run the stage and be in touch.
    '/p/notice',
  );
}
