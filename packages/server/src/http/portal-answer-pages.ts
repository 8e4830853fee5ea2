/**
 * The written assessment's pages in the participant's portal (docs/surfaces.md#portal-links): one
 * labelled text box per question, a Save button and Submit answers (with a confirmation page). They are
 * plain forms that work without JavaScript; `/p/portal.js`, a same-origin script file (the CSP allows
 * `script-src 'self'`, never inline script: docs/decisions/017-written-assessment-answers.md), saves
 * drafts as the participant types and counts characters. Every word is the participant's copy
 * (`copy.answers`, packages/domain/src/portal/copy); the script's own words come to it in the form's
 * `data-say-*` attributes, so it holds none of its own.
 */
import type { StoragePort } from '@stageflow/db';
import {
  DomainError,
  type PortalAnswers,
  type PortalCopy,
  portalIssueMessage,
  portalRefusalMessage,
  SaveAnswersInput,
} from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import { readPortalAnswers, savePortalAnswers } from '../application/answers.ts';
import { submitAnswersForScoring } from '../interviewer/answers-submitted.ts';
import type { InterviewRunContext } from '../interviewer/runner.ts';
import type { PortalAccess } from './portal-access.ts';
import { PORTAL_API_BASE, portalContext } from './portal-api.ts';
import { backLink, browserCopy, escapeHtml as e, page } from './portal-pages.ts';

/** Form fields are `answer-<question id>` (ids are letters, digits, `_` and `-`). */
const FIELD_PREFIX = 'answer-';
const fieldId = (questionId: string) => `q-${questionId}`;

/**
 * Debounced saves of what the participant types, with the portal cookie, to the portal API; a count
 * of characters per box. Progressive: without it the form's Save does the same.
 */
export const PORTAL_SCRIPT = `// Saves written-assessment answers as the participant types (docs/decisions/017-written-assessment-answers.md).
(() => {
  'use strict';
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  // The page's words, in the participant's language (data-say-saving, …): this file has none of its own.
  const say = (key) => form.getAttribute('data-say-' + key) || '';
  const url = form.getAttribute('data-autosave');
  const status = document.getElementById('save-status');
  const pending = new Map();
  let timer = 0;
  let saving = false;
  const show = (text) => { if (status) status.textContent = text; };
  const count = (box) => {
    const out = document.getElementById(box.id + '-count');
    if (out && box.maxLength > 0) out.textContent = say('count').replace('{n}', String(box.value.length)).replace('{max}', String(box.maxLength));
  };
  const send = (answers, keepalive) => fetch(url, {
    method: 'PUT',
    credentials: 'same-origin',
    keepalive,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers }),
  });
  const flush = async () => {
    if (saving || pending.size === 0) return;
    const answers = [...pending].map(([question_id, text]) => ({ question_id, text }));
    pending.clear();
    saving = true;
    show(say('saving'));
    try {
      const res = await send(answers, false);
      if (res.ok) {
        if (pending.size === 0) show(say('saved'));
      } else {
        // A refusal (400, 404, 409) is in the participant's words; anything else is not theirs to read.
        const body = [400, 404, 409].includes(res.status) ? await res.json().catch(() => ({})) : {};
        show(body && body.error ? body.error : say('failed'));
      }
    } catch {
      // Offline for now: keep the text to send with the next change, or with Save.
      for (const a of answers) if (!pending.has(a.question_id)) pending.set(a.question_id, a.text);
      show(say('failed'));
    } finally {
      saving = false;
      if (pending.size > 0) schedule();
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(flush, 800);
  };
  form.addEventListener('input', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.dataset.question) return;
    pending.set(box.dataset.question, box.value);
    count(box);
    show(say('unsaved'));
    schedule();
  });
  // The form's own buttons post every answer: nothing needs sending on top.
  form.addEventListener('submit', () => { clearTimeout(timer); pending.clear(); });
  // Leaving mid-sentence (a reload, another page): send what is left while the page goes.
  window.addEventListener('pagehide', () => {
    if (pending.size === 0) return;
    send([...pending].map(([question_id, text]) => ({ question_id, text })), true).catch(() => {});
    pending.clear();
  });
  for (const box of form.querySelectorAll('textarea[data-question]')) count(box);
})();
`;

/** The assessment pages' own styles, beside portal.css. */
const ANSWERS_CSS = `.question{margin:0 0 1.5rem}
.question label{display:block;font-weight:600;margin:0 0 .5rem}
.q-number{display:block;font-size:.875rem;color:#4b5563}
textarea{display:block;width:100%;min-height:9rem;padding:.75rem;font:inherit;color:inherit;background:#fff;border:1px solid #6b7280;border-radius:.5rem;resize:vertical}
textarea:focus-visible{outline:3px solid #a5b4fc;outline-offset:1px}
textarea[aria-invalid="true"]{border-color:#b91c1c}
.hint{font-size:.875rem;color:#4b5563;margin:.25rem 0 0}
.field-error{color:#b91c1c;font-weight:600;margin:.25rem 0 0}
.actions{display:grid;gap:.75rem;margin:1rem 0}
.save-status{min-height:1.5rem;font-size:.875rem;color:#166534;margin:0 0 .5rem}
.alert{padding:.75rem 1rem;background:#fef2f2;border:1px solid #fecaca;border-radius:.5rem;color:#991b1b}
.answer{white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 1rem;padding:.75rem 1rem;background:#fff;border:1px solid #e5e7eb;border-radius:.5rem}
.no-answer{color:#6b7280;font-style:italic}
`;

const HEAD = '\n<link rel="stylesheet" href="/p/answers.css">\n<script src="/p/portal.js" defer></script>';

/** The script's words as the form's `data-say-<key>` attributes. */
const scriptWords = (copy: PortalCopy) =>
  Object.entries(copy.answers.script)
    .map(([key, text]) => ` data-say-${key}="${e(text)}"`)
    .join('');

/** Field errors by question id, and what the participant typed (kept when a save is refused). */
interface FormState {
  readonly typed?: ReadonlyMap<string, string>;
  readonly errors?: ReadonlyMap<string, string>;
  readonly saved?: boolean;
}

/** The questions as an editable form: one labelled text box each, Save, and Submit answers. */
export function answersFormBody(
  view: PortalAnswers,
  sessionId: string,
  copy: PortalCopy,
  state: FormState = {},
): string {
  const id = encodeURIComponent(sessionId);
  const w = copy.answers;
  const questions = view.questions.map((q) => {
    const box = fieldId(q.id);
    const error = state.errors?.get(q.id);
    const described = [`${box}-count`, error ? `${box}-error` : ''].filter(Boolean).join(' ');
    return `<div class="question">
<label for="${e(box)}"><span class="q-number">${e(w.question(q.number))}</span>${e(q.prompt)}</label>
<textarea id="${e(box)}" name="${FIELD_PREFIX}${e(q.id)}" data-question="${e(q.id)}" maxlength="${q.max_length}" rows="6" aria-describedby="${e(described)}"${error ? ' aria-invalid="true"' : ''}>${e(state.typed?.get(q.id) ?? q.text)}</textarea>
<p class="hint" id="${e(box)}-count">${e(w.limit(q.max_length))}</p>${error ? `\n<p class="field-error" id="${e(box)}-error">${e(error)}</p>` : ''}
</div>`;
  });
  const alert =
    state.errors && state.errors.size > 0
      ? `<div class="alert" role="alert"><p><strong>${e(w.fixTitle)}</strong></p><p>${[...state.errors.values()].map(e).join('<br>')}</p></div>\n`
      : '';
  return `<h1>${e(view.stage_name)}</h1>
${alert}<p>${e(w.intro)}</p>
<form method="post" action="/p/sessions/${id}/answers" data-autosave="${PORTAL_API_BASE}/sessions/${id}/answers"${scriptWords(copy)}>
${questions.join('\n')}
<p id="save-status" class="save-status" role="status" aria-live="polite">${state.saved ? e(w.saved) : ''}</p>
<div class="actions">
<button type="submit" name="intent" value="save" class="secondary">${e(w.save)}</button>
<button type="submit" name="intent" value="review">${e(w.submit)}</button>
</div>
</form>
${backLink(copy)}`;
}

/** Submitted (or ended) answers, to read: question, then the answer as written. */
export function answersReadBody(view: PortalAnswers, copy: PortalCopy): string {
  const w = copy.answers;
  const heading = view.submitted ? w.submittedTitle : view.stage_name;
  const text = view.submitted_at ? w.submittedText(copy.dates.utc(view.submitted_at)) : w.endedText;
  const items = view.questions.map(
    (q) =>
      `<h2><span class="q-number">${e(w.question(q.number))}</span>${e(q.prompt)}</h2>\n${
        q.text.trim() === '' ? `<p class="answer no-answer">${e(w.noAnswer)}</p>` : `<p class="answer">${e(q.text)}</p>`
      }`,
  );
  return `<h1>${e(heading)}</h1>\n<p class="notice">${e(text)}</p>\n${items.join('\n')}\n${backLink(copy)}`;
}

/** "Submit your answers?": how many are answered, and that they cannot change afterwards. */
export function confirmSubmitBody(view: PortalAnswers, sessionId: string, copy: PortalCopy): string {
  const id = encodeURIComponent(sessionId);
  const w = copy.answers;
  const answered = view.questions.filter((q) => q.text.trim() !== '').length;
  return `<h1>${e(w.confirmTitle)}</h1>
<p>${e(w.confirmCount(answered, view.questions.length))}</p>
<p>${e(w.confirmText)}</p>
<form method="post" action="/p/sessions/${id}/submit">
<button type="submit">${e(w.confirmYes)}</button>
</form>
<p><a href="/p/sessions/${id}">${e(w.confirmNo)}</a></p>`;
}

/** The link the portal's home page shows while the assessment is under way. */
export const answersLink = (copy: PortalCopy, sessionId: string, submitted: boolean) => ({
  href: `/p/sessions/${encodeURIComponent(sessionId)}`,
  label: submitted ? copy.home.reviewAnswers : copy.home.answer,
});

/** What the pages run with: the portal's options and its sign-in check. */
export interface AnswerPageDeps {
  readonly storage: StoragePort;
  readonly now: () => string;
  /** The participant's portal access, or the page that asks them to open their link again. */
  readonly signedIn: (c: Context, at: string) => Promise<PortalAccess | Response>;
}

/** The text of every `answer-<id>` field, line breaks as the browser's script sees them (`\n`). */
function typedAnswers(form: Record<string, unknown>): Map<string, string> {
  const typed = new Map<string, string>();
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith(FIELD_PREFIX) && typeof value === 'string') {
      // Forms send CRLF; the text box (and its maxlength) counts a line break as one character.
      typed.set(name.slice(FIELD_PREFIX.length), value.replace(/\r\n?/g, '\n'));
    }
  }
  return typed;
}

export function mountAnswerPages(
  app: Hono,
  deps: AnswerPageDeps & {
    /** The participant's context with the interviewer's model, for submitting (the answers are then scored). */
    readonly scoringContext: (access: PortalAccess) => InterviewRunContext;
  },
): void {
  app.get('/p/portal.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(PORTAL_SCRIPT);
  });
  app.get('/p/answers.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(ANSWERS_CSS);
  });

  /** A refusal as a page: not theirs (404), or the rules' reason (409 / 400). */
  const refusal = (c: Context, error: unknown, copy: PortalCopy) => {
    if (!(error instanceof DomainError)) throw error;
    const w = copy.answers;
    if (error.code === 'NOT_FOUND') {
      const body = `<h1>${e(w.notFoundTitle)}</h1>\n<p>${e(w.notFoundText)}</p>\n${backLink(copy)}`;
      return c.html(page(copy, w.notFoundTitle, body), 404);
    }
    const body = `<h1>${e(w.refusedTitle)}</h1>\n<p>${e(portalRefusalMessage(error, copy))}</p>\n${backLink(copy)}`;
    return c.html(page(copy, w.refusedTitle, body), error.code === 'BAD_REQUEST' ? 400 : 409);
  };

  /** The participant, for a page (GET) or a form of ours (POST: refused when another site sent it). */
  const participant = async (c: Context, post: boolean) => {
    if (post && c.req.header('sec-fetch-site') === 'cross-site') {
      const w = browserCopy(c).answers;
      const body = `<h1>${e(w.crossSiteTitle)}</h1>\n<p>${e(w.crossSiteText)}</p>`;
      return c.html(page(browserCopy(c), w.crossSiteTitle, body), 403);
    }
    const access = await deps.signedIn(c, deps.now());
    if (access instanceof Response) return access;
    return { access, ctx: portalContext(deps, access), copy: access.copy };
  };

  app.get('/p/sessions/:id', async (c) => {
    const who = await participant(c, false);
    if (who instanceof Response) return who;
    const sessionId = c.req.param('id');
    try {
      const view = await readPortalAnswers(who.ctx, who.access.participant_id, sessionId);
      const body = view.editable
        ? answersFormBody(view, sessionId, who.copy, { saved: c.req.query('saved') !== undefined })
        : answersReadBody(view, who.copy);
      return c.html(page(who.copy, view.stage_name, body, HEAD));
    } catch (error) {
      return refusal(c, error, who.copy);
    }
  });

  // Save (and "Submit answers", which saves first, then asks to confirm).
  app.post('/p/sessions/:id/answers', async (c) => {
    const who = await participant(c, true);
    if (who instanceof Response) return who;
    const sessionId = c.req.param('id');
    const form = await c.req.parseBody();
    const typed = typedAnswers(form);
    const review = form.intent === 'review';
    const input = SaveAnswersInput.safeParse({
      answers: [...typed].map(([question_id, text]) => ({ question_id, text })),
    });
    let issues: readonly {
      readonly path: readonly PropertyKey[];
      readonly message: string;
      readonly participant?: DomainError['issues'][number]['participant'];
    }[] = [];
    if (!input.success) issues = input.error.issues;
    else {
      try {
        await savePortalAnswers(who.ctx, who.access.participant_id, sessionId, input.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'BAD_REQUEST' || error.issues.length === 0) {
          return refusal(c, error, who.copy);
        }
        issues = error.issues;
      }
    }
    if (issues.length > 0) {
      // The form again, with what they typed and each problem beside its question: nothing is lost.
      let view: PortalAnswers;
      try {
        view = await readPortalAnswers(who.ctx, who.access.participant_id, sessionId);
      } catch (error) {
        return refusal(c, error, who.copy);
      }
      const ids = [...typed.keys()];
      // Each issue in the participant's words where the rule gave them, as a sentence beside its question.
      const said = (i: (typeof issues)[number]) =>
        portalIssueMessage(i, who.copy).replace(/^\p{Ll}/u, (x) => x.toLocaleUpperCase(who.copy.language));
      const errors = new Map(issues.map((i) => [ids[Number(i.path[1])] ?? '', said(i)]));
      const body = answersFormBody(view, sessionId, who.copy, { typed, errors });
      return c.html(page(who.copy, view.stage_name, body, HEAD), 400);
    }
    const id = encodeURIComponent(sessionId);
    return c.redirect(review ? `/p/sessions/${id}/submit` : `/p/sessions/${id}?saved`, 303);
  });

  app.get('/p/sessions/:id/submit', async (c) => {
    const who = await participant(c, false);
    if (who instanceof Response) return who;
    const sessionId = c.req.param('id');
    try {
      const view = await readPortalAnswers(who.ctx, who.access.participant_id, sessionId);
      if (!view.editable) return c.redirect(`/p/sessions/${encodeURIComponent(sessionId)}`, 303);
      return c.html(page(who.copy, who.copy.answers.confirmTitle, confirmSubmitBody(view, sessionId, who.copy)));
    } catch (error) {
      return refusal(c, error, who.copy);
    }
  });

  app.post('/p/sessions/:id/submit', async (c) => {
    const who = await participant(c, true);
    if (who instanceof Response) return who;
    const sessionId = c.req.param('id');
    try {
      await submitAnswersForScoring(deps.scoringContext(who.access), who.access.participant_id, sessionId);
    } catch (error) {
      return refusal(c, error, who.copy);
    }
    return c.redirect(`/p/sessions/${encodeURIComponent(sessionId)}`, 303);
  });
}
