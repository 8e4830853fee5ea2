/**
 * The written assessment's pages in the participant's portal (docs/surfaces.md#portal-links): one
 * labelled text box per question, a Save button and Submit answers (with a confirmation page). They are
 * plain forms that work without JavaScript; `/p/portal.js`, a same-origin script file (the CSP allows
 * `script-src 'self'`, never inline script: docs/decisions/017-written-assessment-answers.md), saves
 * drafts as the participant types and counts characters.
 */
import type { Repositories, StoragePort } from '@stageflow/db';
import { DomainError, type PortalAnswers, portalRefusalMessage, SaveAnswersInput } from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import { readPortalAnswers, savePortalAnswers, submitPortalAnswers } from '../application/answers.ts';
import type { PortalAccess } from './portal-access.ts';
import { PORTAL_API_BASE, portalContext } from './portal-api.ts';
import { escapeHtml as e, page } from './portal-pages.ts';

/** Every word these pages and their script show the participant, kept together. */
export const ANSWER_WORDS = {
  intro:
    'Answer each question below. Your answers are saved as you type, and Save keeps them too, so you can come back later. When you are done, press Submit answers: after that they cannot change.',
  question: (n: number) => `Question ${n}`,
  limit: (max: number) => `Up to ${max} characters.`,
  save: 'Save',
  submit: 'Submit answers',
  saved: 'Your answers are saved.',
  back: 'Back to your evaluation',
  submittedTitle: 'Your answers are submitted',
  submittedText: (when: string) =>
    `You submitted your answers on ${when}. The team will review them and let you know what happens next.`,
  endedText: 'This assessment has ended, so its answers can no longer change.',
  noAnswer: 'No answer',
  confirmTitle: 'Submit your answers?',
  confirmCount: (answered: number, total: number) => `You answered ${answered} of ${total} questions.`,
  confirmText: 'Once you submit, you cannot change your answers.',
  confirmYes: 'Yes, submit my answers',
  confirmNo: 'No, keep editing',
  fixTitle: 'Some answers could not be saved',
  notFoundTitle: 'We could not find this assessment',
  notFoundText: 'Open your evaluation and choose the assessment from there.',
  refusedTitle: 'This cannot be done now',
  crossSiteTitle: 'Answer from your portal',
  crossSiteText: 'Open your portal, then answer the questions there.',
  /** Shown by /p/portal.js. */
  script: {
    unsaved: 'Not saved yet…',
    saving: 'Saving…',
    saved: 'Saved',
    failed: 'Not saved. Keep this page open and press Save.',
    count: '{n} of {max} characters',
  },
  home: { answer: 'Answer your written assessment', review: 'See your submitted answers' },
} as const;

/** Form fields are `answer-<question id>` (ids are letters, digits, `_` and `-`). */
const FIELD_PREFIX = 'answer-';
const fieldId = (questionId: string) => `q-${questionId}`;

/** A time as the participant reads it (UTC, as the portal's other times without a zone of their own). */
const when = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} (UTC)`;

/**
 * Debounced saves of what the participant types, with the portal cookie, to the portal API; a count
 * of characters per box. Progressive: without it the form's Save does the same.
 */
export const PORTAL_SCRIPT = `// Saves written-assessment answers as the participant types (docs/decisions/017-written-assessment-answers.md).
(() => {
  'use strict';
  const WORDS = ${JSON.stringify(ANSWER_WORDS.script)};
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  const url = form.getAttribute('data-autosave');
  const status = document.getElementById('save-status');
  const pending = new Map();
  let timer = 0;
  let saving = false;
  const show = (text) => { if (status) status.textContent = text; };
  const count = (box) => {
    const out = document.getElementById(box.id + '-count');
    if (out && box.maxLength > 0) out.textContent = WORDS.count.replace('{n}', String(box.value.length)).replace('{max}', String(box.maxLength));
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
    show(WORDS.saving);
    try {
      const res = await send(answers, false);
      if (res.ok) {
        if (pending.size === 0) show(WORDS.saved);
      } else {
        const body = await res.json().catch(() => ({}));
        show(body && body.error ? body.error : WORDS.failed);
      }
    } catch {
      // Offline for now: keep the text to send with the next change, or with Save.
      for (const a of answers) if (!pending.has(a.question_id)) pending.set(a.question_id, a.text);
      show(WORDS.failed);
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
    show(WORDS.unsaved);
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
const BACK = `<p><a href="/p/">${ANSWER_WORDS.back}</a></p>`;

/** Field errors by question id, and what the participant typed (kept when a save is refused). */
interface FormState {
  readonly typed?: ReadonlyMap<string, string>;
  readonly errors?: ReadonlyMap<string, string>;
  readonly saved?: boolean;
}

/** The questions as an editable form: one labelled text box each, Save, and Submit answers. */
export function answersFormBody(view: PortalAnswers, sessionId: string, state: FormState = {}): string {
  const id = encodeURIComponent(sessionId);
  const questions = view.questions.map((q) => {
    const box = fieldId(q.id);
    const error = state.errors?.get(q.id);
    const described = [`${box}-count`, error ? `${box}-error` : ''].filter(Boolean).join(' ');
    return `<div class="question">
<label for="${e(box)}"><span class="q-number">${ANSWER_WORDS.question(q.number)}</span>${e(q.prompt)}</label>
<textarea id="${e(box)}" name="${FIELD_PREFIX}${e(q.id)}" data-question="${e(q.id)}" maxlength="${q.max_length}" rows="6" aria-describedby="${e(described)}"${error ? ' aria-invalid="true"' : ''}>${e(state.typed?.get(q.id) ?? q.text)}</textarea>
<p class="hint" id="${e(box)}-count">${ANSWER_WORDS.limit(q.max_length)}</p>${error ? `\n<p class="field-error" id="${e(box)}-error">${e(error)}</p>` : ''}
</div>`;
  });
  const alert =
    state.errors && state.errors.size > 0
      ? `<div class="alert" role="alert"><p><strong>${ANSWER_WORDS.fixTitle}</strong></p><p>${[...state.errors.values()].map(e).join('<br>')}</p></div>\n`
      : '';
  return `<h1>${e(view.stage_name)}</h1>
${alert}<p>${ANSWER_WORDS.intro}</p>
<form method="post" action="/p/sessions/${id}/answers" data-autosave="${PORTAL_API_BASE}/sessions/${id}/answers">
${questions.join('\n')}
<p id="save-status" class="save-status" role="status" aria-live="polite">${state.saved ? ANSWER_WORDS.saved : ''}</p>
<div class="actions">
<button type="submit" name="intent" value="save" class="secondary">${ANSWER_WORDS.save}</button>
<button type="submit" name="intent" value="review">${ANSWER_WORDS.submit}</button>
</div>
</form>
${BACK}`;
}

/** Submitted (or ended) answers, to read: question, then the answer as written. */
export function answersReadBody(view: PortalAnswers): string {
  const heading = view.submitted ? ANSWER_WORDS.submittedTitle : view.stage_name;
  const text = view.submitted_at ? ANSWER_WORDS.submittedText(when(view.submitted_at)) : ANSWER_WORDS.endedText;
  const items = view.questions.map(
    (q) =>
      `<h2><span class="q-number">${ANSWER_WORDS.question(q.number)}</span>${e(q.prompt)}</h2>\n${
        q.text.trim() === ''
          ? `<p class="answer no-answer">${ANSWER_WORDS.noAnswer}</p>`
          : `<p class="answer">${e(q.text)}</p>`
      }`,
  );
  return `<h1>${e(heading)}</h1>\n<p class="notice">${e(text)}</p>\n${items.join('\n')}\n${BACK}`;
}

/** "Submit your answers?": how many are answered, and that they cannot change afterwards. */
export function confirmSubmitBody(view: PortalAnswers, sessionId: string): string {
  const id = encodeURIComponent(sessionId);
  const answered = view.questions.filter((q) => q.text.trim() !== '').length;
  return `<h1>${ANSWER_WORDS.confirmTitle}</h1>
<p>${ANSWER_WORDS.confirmCount(answered, view.questions.length)}</p>
<p>${ANSWER_WORDS.confirmText}</p>
<form method="post" action="/p/sessions/${id}/submit">
<button type="submit">${ANSWER_WORDS.confirmYes}</button>
</form>
<p><a href="/p/sessions/${id}">${ANSWER_WORDS.confirmNo}</a></p>`;
}

/** The link the portal's home page shows while the assessment is under way. */
export const answersLink = (sessionId: string, submitted: boolean) => ({
  href: `/p/sessions/${encodeURIComponent(sessionId)}`,
  label: submitted ? ANSWER_WORDS.home.review : ANSWER_WORDS.home.answer,
});

/** What the pages run with: the portal's options and its sign-in check. */
export interface AnswerPageDeps {
  readonly storage: StoragePort;
  readonly repos: Repositories;
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

export function mountAnswerPages(app: Hono, deps: AnswerPageDeps): void {
  app.get('/p/portal.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(PORTAL_SCRIPT);
  });
  app.get('/p/answers.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(ANSWERS_CSS);
  });

  /** A refusal as a page: not theirs (404), or the rules' reason (409 / 400). */
  const refusal = (c: Context, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'NOT_FOUND') {
      const body = `<h1>${ANSWER_WORDS.notFoundTitle}</h1>\n<p>${ANSWER_WORDS.notFoundText}</p>\n${BACK}`;
      return c.html(page(ANSWER_WORDS.notFoundTitle, body), 404);
    }
    const body = `<h1>${ANSWER_WORDS.refusedTitle}</h1>\n<p>${e(portalRefusalMessage(error))}</p>\n${BACK}`;
    return c.html(page(ANSWER_WORDS.refusedTitle, body), error.code === 'BAD_REQUEST' ? 400 : 409);
  };

  /** The participant, for a page (GET) or a form of ours (POST: refused when another site sent it). */
  const participant = async (c: Context, post: boolean) => {
    if (post && c.req.header('sec-fetch-site') === 'cross-site') {
      const body = `<h1>${ANSWER_WORDS.crossSiteTitle}</h1>\n<p>${ANSWER_WORDS.crossSiteText}</p>`;
      return c.html(page(ANSWER_WORDS.crossSiteTitle, body), 403);
    }
    const access = await deps.signedIn(c, deps.now());
    if (access instanceof Response) return access;
    return { access, ctx: portalContext(deps, access) };
  };

  app.get('/p/sessions/:id', async (c) => {
    const who = await participant(c, false);
    if (who instanceof Response) return who;
    const sessionId = c.req.param('id');
    try {
      const view = readPortalAnswers(who.ctx, who.access.participant_id, sessionId);
      const body = view.editable
        ? answersFormBody(view, sessionId, { saved: c.req.query('saved') !== undefined })
        : answersReadBody(view);
      return c.html(page(view.stage_name, body, HEAD));
    } catch (error) {
      return refusal(c, error);
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
    let issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] = [];
    if (!input.success) issues = input.error.issues;
    else {
      try {
        await savePortalAnswers(who.ctx, who.access.participant_id, sessionId, input.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'BAD_REQUEST' || error.issues.length === 0) {
          return refusal(c, error);
        }
        issues = error.issues;
      }
    }
    if (issues.length > 0) {
      // The form again, with what they typed and each problem beside its question: nothing is lost.
      let view: PortalAnswers;
      try {
        view = readPortalAnswers(who.ctx, who.access.participant_id, sessionId);
      } catch (error) {
        return refusal(c, error);
      }
      const ids = [...typed.keys()];
      const errors = new Map(
        issues.map((i) => [ids[Number(i.path[1])] ?? '', i.message.replace(/^[a-z]/, (x) => x.toUpperCase())]),
      );
      return c.html(page(view.stage_name, answersFormBody(view, sessionId, { typed, errors }), HEAD), 400);
    }
    const id = encodeURIComponent(sessionId);
    return c.redirect(review ? `/p/sessions/${id}/submit` : `/p/sessions/${id}?saved`, 303);
  });

  app.get('/p/sessions/:id/submit', async (c) => {
    const who = await participant(c, false);
    if (who instanceof Response) return who;
    const sessionId = c.req.param('id');
    try {
      const view = readPortalAnswers(who.ctx, who.access.participant_id, sessionId);
      if (!view.editable) return c.redirect(`/p/sessions/${encodeURIComponent(sessionId)}`, 303);
      return c.html(page(ANSWER_WORDS.confirmTitle, confirmSubmitBody(view, sessionId)));
    } catch (error) {
      return refusal(c, error);
    }
  });

  app.post('/p/sessions/:id/submit', async (c) => {
    const who = await participant(c, true);
    if (who instanceof Response) return who;
    const sessionId = c.req.param('id');
    try {
      await submitPortalAnswers(who.ctx, who.access.participant_id, sessionId);
    } catch (error) {
      return refusal(c, error);
    }
    return c.redirect(`/p/sessions/${encodeURIComponent(sessionId)}`, 303);
  });
}
