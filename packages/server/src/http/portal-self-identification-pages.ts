/**
 * The voluntary self-identification questions in the participant's portal (docs/surfaces.md#portal-links,
 * docs/rules.md#self-identification): `GET /p/about-you` says why they are asked and shows both questions
 * as radio groups, with their answers on record ticked; `POST /p/about-you` (the form) saves them and comes
 * back saying so. Offered on `/p/` once no AI notice waits to be read. A plain form, no script; every word
 * is the participant's copy (`copy.selfId`, packages/domain/src/portal/copy).
 */
import {
  DomainError,
  type PortalCopy,
  PortalSelfIdentificationInput,
  type PortalSelfIdentificationView,
  portalRefusalMessage,
} from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import { answerPortalSelfIdentification, readPortalSelfIdentification } from '../application/self-identification.ts';
import type { PortalAccess } from './portal-access.ts';
import type { AnswerPageDeps } from './portal-answer-pages.ts';
import { portalContext } from './portal-api.ts';
import { backLink, browserCopy, escapeHtml as e, page } from './portal-pages.ts';

export const ABOUT_YOU_PATH = '/p/about-you';

/** The page's own styles, beside portal.css: radio groups large enough to tap on a phone. */
const ABOUT_YOU_CSS = `fieldset{margin:0 0 1.5rem;padding:0;border:0;min-width:0}
legend{font-weight:600;font-size:1.125rem;margin:0 0 .5rem}
.choice{display:flex;gap:.75rem;align-items:center;min-height:2.75rem;padding:.5rem .75rem;margin:0 0 .5rem;background:#fff;border:1px solid #e5e7eb;border-radius:.5rem;cursor:pointer}
.choice input{width:1.25rem;height:1.25rem;flex:none;margin:0}
.choice:has(input:focus-visible){outline:3px solid #a5b4fc;outline-offset:2px}
.field-error{color:#b91c1c;font-weight:600;margin:.25rem 0 .5rem}
.alert{padding:.75rem 1rem;background:#fef2f2;border:1px solid #fecaca;border-radius:.5rem;color:#991b1b}
.saved{padding:.75rem 1rem;background:#dcfce7;border-radius:.5rem;color:#166534}
`;
const HEAD = '\n<link rel="stylesheet" href="/p/about-you.css">';

type Answers = Partial<Record<'sex' | 'race_ethnicity', string>>;

/** One question as a radio group; `error` beside it when it was left unanswered. */
function radioGroup(
  name: 'sex' | 'race_ethnicity',
  question: PortalSelfIdentificationView['questions'][typeof name],
  chosen: string | undefined,
  error: string | undefined,
): string {
  const errorId = `${name}-error`;
  const choices = question.options.map(
    (o, i) =>
      `<label class="choice"><input type="radio" name="${name}" value="${e(o.value)}"${o.value === chosen ? ' checked' : ''}${i === 0 ? ' required' : ''}${error ? ` aria-describedby="${errorId}"` : ''}> <span>${e(o.label)}</span></label>`,
  );
  return `<fieldset${error ? ' aria-invalid="true"' : ''}>
<legend>${e(question.question)}</legend>
${error ? `<p class="field-error" id="${errorId}">${e(error)}</p>\n` : ''}${choices.join('\n')}
</fieldset>`;
}

function aboutYouBody(
  view: PortalSelfIdentificationView,
  copy: PortalCopy,
  state: { readonly chosen?: Answers; readonly errors?: Answers; readonly saved?: boolean } = {},
): string {
  const w = copy.selfId;
  const chosen = state.chosen ?? view.answers ?? {};
  const errors = state.errors ?? {};
  const problem = errors.sex || errors.race_ethnicity ? `<p class="alert" role="alert">${e(w.fixTitle)}</p>\n` : '';
  const saved = state.saved ? `<p class="saved" role="status">${e(w.saved)}</p>\n` : '';
  // Before any answer, leaving is skipping; afterwards it is going back.
  const leave = view.answers === null ? `<p><a href="/p/">${e(w.skip)}</a></p>` : backLink(copy);
  return `<h1>${e(view.title)}</h1>
${saved}${view.why.map((p) => `<p>${e(p)}</p>`).join('\n')}
${problem}<form method="post" action="${ABOUT_YOU_PATH}">
${radioGroup('sex', view.questions.sex, chosen.sex, errors.sex)}
${radioGroup('race_ethnicity', view.questions.race_ethnicity, chosen.race_ethnicity, errors.race_ethnicity)}
<button type="submit">${e(w.save)}</button>
</form>
${leave}`;
}

/** On `/p/`: the invitation to answer, or thanks with a way to change the answers. */
export function aboutYouOffer(copy: PortalCopy, answered: boolean): string {
  const w = copy.selfId;
  return answered
    ? `<p>${e(w.answered)} <a href="${ABOUT_YOU_PATH}">${e(w.changeLink)}</a></p>`
    : `<section aria-labelledby="about-you-heading">
<h2 id="about-you-heading">${e(w.title)}</h2>
<p>${e(w.offer)}</p>
<p><a href="${ABOUT_YOU_PATH}">${e(w.offerLink)}</a></p>
</section>`;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function mountSelfIdentificationPages(app: Hono, deps: AnswerPageDeps): void {
  app.get('/p/about-you.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(ABOUT_YOU_CSS);
  });

  /** The participant for the page, or the page that refuses (another site's form: 403; no session: 401). */
  const participant = async (c: Context, post: boolean): Promise<PortalAccess | Response> => {
    if (post && c.req.header('sec-fetch-site') === 'cross-site') {
      const copy = browserCopy(c);
      const w = copy.selfId;
      return c.html(page(copy, w.crossSiteTitle, `<h1>${e(w.crossSiteTitle)}</h1>\n<p>${e(w.crossSiteText)}</p>`), 403);
    }
    return deps.signedIn(c, deps.now());
  };

  app.get(ABOUT_YOU_PATH, async (c) => {
    const access = await participant(c, false);
    if (access instanceof Response) return access;
    const view = await readPortalSelfIdentification(portalContext(deps, access), access.participant_id);
    const body = aboutYouBody(view, access.copy, { saved: c.req.query('saved') !== undefined });
    return c.html(page(access.copy, view.title, body, HEAD));
  });

  app.post(ABOUT_YOU_PATH, async (c) => {
    const access = await participant(c, true);
    if (access instanceof Response) return access;
    const { copy } = access;
    const ctx = portalContext(deps, access);
    const form = await c.req.parseBody();
    const chosen: Answers = { sex: text(form.sex), race_ethnicity: text(form.race_ethnicity) };
    const input = PortalSelfIdentificationInput.safeParse(chosen);
    if (!input.success) {
      // The form again with what they chose, and each unanswered question saying so: nothing is lost.
      const errors: Answers = Object.fromEntries(
        input.error.issues.map((i) => [String(i.path[0]), copy.selfId.choose]),
      );
      const view = await readPortalSelfIdentification(ctx, access.participant_id);
      return c.html(page(copy, view.title, aboutYouBody(view, copy, { chosen, errors }), HEAD), 400);
    }
    try {
      await answerPortalSelfIdentification(ctx, access.participant_id, input.data);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const w = copy.selfId;
      const body = `<h1>${e(w.refused)}</h1>\n<p>${e(portalRefusalMessage(error, copy))}</p>\n${backLink(copy)}`;
      return c.html(page(copy, w.refused, body), 409);
    }
    return c.redirect(`${ABOUT_YOU_PATH}?saved`, 303);
  });
}
