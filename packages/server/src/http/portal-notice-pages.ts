/**
 * The AI notice in the participant's portal (docs/surfaces.md#portal-links,
 * docs/rules.md#consent-to-an-ai-run-stage): `GET /p/notice` shows the notice of their current AI-run
 * stage with two forms, Accept (`POST /p/consent/accept`, then Start now is offered on `/p/`) and
 * "I'd rather speak with a person" (`POST /p/consent/decline`, then a confirmation here). Plain HTML,
 * no script, as every portal page. Their words are the participant's copy (`copy.noticePage`, the notice's
 * own sentences `copy.notice`: packages/domain/src/portal/copy).
 */
import {
  DomainError,
  PortalConsentInput,
  type PortalConsentView,
  type PortalCopy,
  portalRefusalMessage,
  refusal,
} from '@stageflow/domain';
import type { Context } from 'hono';
import { answerPortalConsent, readPortalConsent } from '../application/portal-consent.ts';
import type { portalContext } from './portal-api.ts';
import type { PortalPageKit } from './portal-page-kit.ts';

type PortalContext = ReturnType<typeof portalContext>;

/** What the portal pages lend this file (portal-page-kit.ts), its commands running in a PortalContext. */
export type NoticePageKit = PortalPageKit<PortalContext>;

type Escape = (text: string) => string;

/** The notice itself, section by section; `e` escapes every string (the team's and the copy's). */
function noticeSections(view: PortalConsentView, copy: PortalCopy, e: Escape): string {
  const n = view.notice;
  const w = copy.noticePage;
  const points =
    n.evaluates.length === 0
      ? ''
      : `<section aria-labelledby="evaluates-heading">
<h2 id="evaluates-heading">${e(w.evaluates)}</h2>
<ul class="points">
${n.evaluates.map((d) => `<li><strong>${e(d.name)}</strong>${d.description ? ` <span>${e(d.description)}</span>` : ''}</li>`).join('\n')}
</ul>
</section>`;
  const section = (id: string, heading: string, text: string) =>
    `<section aria-labelledby="${id}-heading">\n<h2 id="${id}-heading">${e(heading)}</h2>\n<p>${e(text)}</p>\n</section>`;
  return [
    `<p class="notice">${e(w.intro)}</p>`,
    `<p>${e(n.about)}</p>`,
    points,
    section('duration', w.duration, n.duration),
    section('review', w.review, n.review),
    section('transcript', w.transcript, n.retention),
    section('alternative', w.alternative, n.alternative),
    `<p>${e(n.contact)}</p>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The two answers, each its own form carrying the stage they read about. */
function answerForms(view: PortalConsentView, copy: PortalCopy, e: Escape): string {
  const stage = `<input type="hidden" name="stage_id" value="${e(view.stage_id)}">`;
  return `<form method="post" action="/p/consent/accept">
${stage}
<button type="submit">${e(copy.noticePage.accept)}</button>
</form>
<form method="post" action="/p/consent/decline">
${stage}
<button type="submit" class="secondary">${e(copy.noticePage.decline)}</button>
</form>`;
}

function noticeBody(view: PortalConsentView, copy: PortalCopy, e: Escape, back: string): string {
  const stage = view.notice.stage_name;
  const w = copy.noticePage;
  switch (view.consent) {
    case 'needed':
      return `<h1>${e(w.about(stage))}</h1>\n${noticeSections(view, copy, e)}\n${answerForms(view, copy, e)}\n${back}`;
    case 'accepted':
      return `<h1>${e(w.about(stage))}</h1>
<p class="notice">${e(w.accepted(stage))}</p>
${noticeSections(view, copy, e)}
${back}`;
    case 'declined':
      return `<h1>${e(w.declinedTitle(stage))}</h1>
<p class="notice">${e(w.declined(stage, view.notice.organization))}</p>
<p>${e(view.notice.contact)}</p>
${back}`;
  }
}

/** The stage the form was for, checked by the domain's input schema (a missing or altered one is refused). */
async function formInput(c: Context, accepted: boolean) {
  const form = await c.req.parseBody();
  const parsed = PortalConsentInput.safeParse({ stage_id: form.stage_id, accepted });
  if (!parsed.success) {
    const said = refusal('formOutOfDate');
    throw new DomainError('BAD_REQUEST', 'stage_id: not the stage of this notice', [], said);
  }
  return parsed.data;
}

/** The words of both answer forms: the participant's copy, or their browser's before they are known. */
const answerTitles = (copy: PortalCopy) => ({
  crossSite: copy.noticePage.crossSiteTitle,
  crossSiteText: copy.noticePage.crossSiteText,
  refused: copy.noticePage.refused,
});

export function registerNoticePages(kit: NoticePageKit): void {
  const { app, page, escapeHtml: e } = kit;

  app.get('/p/notice', async (c) => {
    const access = await kit.signedIn(c, kit.now());
    if (access instanceof Response) return access;
    const { copy } = access;
    const back = kit.backLink(copy);
    let view: PortalConsentView;
    try {
      view = await readPortalConsent(kit.context(access), access.participant_id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const title = copy.noticePage.nothingTitle;
      const body = `<h1>${e(title)}</h1>\n<p>${e(portalRefusalMessage(error, copy))}</p>\n${back}`;
      return c.html(page(copy, title, body), 409);
    }
    const title =
      view.consent === 'declined'
        ? copy.noticePage.declinedTitleAnyStage
        : copy.noticePage.about(view.notice.stage_name);
    return c.html(page(copy, title, noticeBody(view, copy, e, back)));
  });

  kit.commandForm('/p/consent/accept', answerTitles, async (ctx, participantId, c) =>
    answerPortalConsent(ctx, participantId, await formInput(c, true)),
  );
  kit.commandForm(
    '/p/consent/decline',
    answerTitles,
    async (ctx, participantId, c) => answerPortalConsent(ctx, participantId, await formInput(c, false)),
    // The confirmation: a person will run the stage and be in touch.
    '/p/notice',
  );
}
