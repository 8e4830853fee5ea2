/**
 * The interview page of the participant's portal (docs/surfaces.md#portal-links,
 * docs/rules.md#the-interview): `GET /p/sessions/{id}/interview` shows the conversation, the time left,
 * a labelled answer box with Send, and Finish interview. It works without script: each form posts,
 * the server stores the answer and makes the interviewer's turn, and redirects back to show it. With
 * the same-origin script `/p/interview.js` (the CSP allows nothing inline), Send posts to the portal API
 * and shows the interviewer's reply as it streams. Every word of it is the participant's copy
 * (`copy.interview`, packages/domain/src/portal/copy); the script gets its words from the page.
 */
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  INTERVIEW_ANSWER_MAX,
  InterviewAnswerInput,
  type InterviewView,
  type PortalCopy,
  portalRefusalMessage,
} from '@stageflow/domain';
import type { Context } from 'hono';
import { drain, finishFromPortal, interviewerReply, readInterview, storeAnswer } from '../application/interview.ts';
import { InterviewerUnavailableError } from '../interviewer/failures.ts';
import type { InterviewRunContext } from '../interviewer/runner.ts';
import { INTERVIEW_CSS, INTERVIEW_SCRIPT } from './portal-interview-script.ts';
import type { PortalPageKit } from './portal-page-kit.ts';

/** What the portal pages lend this file (portal-page-kit.ts), its commands running in a InterviewRunContext. */
export type InterviewPageKit = PortalPageKit<InterviewRunContext>;

/** Where a session's interview is, for links and redirects. */
export const interviewPath = (sessionId: string) => `/p/sessions/${encodeURIComponent(sessionId)}/interview`;

/** On `/p/`, while the current stage's session has an interview to take. */
export const continueInterviewLink = (copy: PortalCopy, sessionId: string, e: (text: string) => string) =>
  `\n<p><a class="button-link" href="${interviewPath(sessionId)}">${e(copy.interview.continue)}</a></p>`;

/** "About 12 minutes left", in the words the script also uses (`copy.interview.script`). */
function timeLeft(copy: PortalCopy, seconds: number): string {
  const words = copy.interview.script;
  if (seconds <= 0) return words.timeUp;
  if (seconds < 60) return words.underAMinute;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? words.oneMinute : words.minutes.replace('{n}', String(minutes));
}

/** The words the script shows and the ended notices, as `data-say-<key>` attributes of the interview. */
const scriptWords = (copy: PortalCopy, e: (text: string) => string) => {
  const w = copy.interview;
  const say: Record<string, string> = {
    ...w.script,
    interviewer: w.interviewer,
    you: w.you,
    'try-again': w.tryAgain,
    'ended-interviewer': w.ended.interviewer,
    'ended-time': w.ended.time,
    'ended-participant': w.ended.participant,
  };
  return Object.entries(say)
    .map(([key, text]) => ` data-say-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${e(text)}"`)
    .join('');
};

function interviewBody(view: InterviewView, copy: PortalCopy, e: (text: string) => string, back: string): string {
  const w = copy.interview;
  const path = interviewPath(view.session_id);
  const turns = view.turns.map(
    (t) =>
      `<li class="turn ${t.speaker}" id="turn-${t.index}"><span class="speaker">${e(t.speaker === 'interviewer' ? w.interviewer : w.you)}</span><p>${e(t.text)}</p></li>`,
  );
  const ended = view.status === 'ended';
  const show = (on: boolean) => (on ? '' : ' hidden');
  return `<link rel="stylesheet" href="/p/interview.css">
<div class="interview" id="interview" data-session="${e(view.session_id)}" data-status="${view.status}" data-seconds-left="${view.seconds_left}"${scriptWords(copy, e)}>
<h1>${e(view.stage_name)}</h1>
<p class="time-left" id="time-left"${show(!ended)}>${e(timeLeft(copy, view.seconds_left))}</p>
<section aria-labelledby="conversation-heading">
<h2 id="conversation-heading" class="visually-hidden">${e(w.conversation)}</h2>
<ol class="conversation" id="conversation">
${turns.join('\n')}
</ol>
</section>
<div class="visually-hidden" id="announce" aria-live="polite"></div>
<p class="notice" id="ended" role="status"${show(ended)}>${e(w.ended[view.ended_by ?? 'interviewer'])}</p>
<p class="notice" id="unavailable" role="alert"${show(view.status === 'awaiting_interviewer')}>${e(w.unavailable)}</p>
<p class="notice" id="problem" role="alert" hidden></p>
<form method="post" action="${path}/resume" id="resume-form"${show(view.status === 'not_started' || view.status === 'awaiting_interviewer')}>
<button type="submit">${e(view.status === 'not_started' ? w.begin : w.tryAgain)}</button>
</form>
<form method="post" action="${path}" id="answer-form"${show(view.status === 'awaiting_participant')}>
<input type="hidden" name="key" value="${randomUUID()}">
<label for="answer">${e(w.answer)}</label>
<textarea id="answer" name="text" rows="5" maxlength="${INTERVIEW_ANSWER_MAX}" required></textarea>
<button type="submit">${e(w.send)}</button>
</form>
<form method="post" action="${path}/finish" id="finish-form"${show(!ended)}>
<button type="submit" class="secondary">${e(w.finish)}</button>
</form>
${back}
</div>
<script src="/p/interview.js" defer></script>`;
}

/** The answer a form sent, checked by the domain's schema (an empty one is refused in plain words). */
async function formAnswer(c: Context, copy: PortalCopy) {
  const form = await c.req.parseBody();
  const parsed = InterviewAnswerInput.safeParse({ text: form.text });
  if (!parsed.success) throw new DomainError('BAD_REQUEST', copy.interview.emptyAnswer);
  const key = typeof form.key === 'string' && /^[\w-]{1,200}$/.test(form.key) ? form.key : null;
  return { input: parsed.data, key };
}

/** The interviewer's turn, run to its end; when it is unavailable, the page says so and offers Try again. */
async function untilUnavailable(reply: Promise<unknown>): Promise<void> {
  try {
    await reply;
  } catch (error) {
    if (!(error instanceof InterviewerUnavailableError)) throw error;
  }
}

export function registerInterviewPages(kit: InterviewPageKit): void {
  const { app, page, escapeHtml: e, backLink } = kit;
  const back = (c: Context) => interviewPath(c.req.param('id') ?? '');

  app.get('/p/interview.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(INTERVIEW_CSS);
  });
  app.get('/p/interview.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(INTERVIEW_SCRIPT);
  });

  app.get('/p/sessions/:id/interview', async (c) => {
    const access = await kit.signedIn(c, kit.now());
    if (access instanceof Response) return access;
    const { copy } = access;
    let view: InterviewView;
    try {
      view = await readInterview(kit.context(access), access.participant_id, c.req.param('id'));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const title = copy.interview.notOpenTitle;
      return c.html(
        page(copy, title, `<h1>${e(title)}</h1>\n<p>${e(portalRefusalMessage(error, copy))}</p>\n${backLink(copy)}`),
        error.code === 'NOT_FOUND' ? 404 : 409,
      );
    }
    return c.html(page(copy, view.stage_name, interviewBody(view, copy, e, backLink(copy))));
  });

  const titles = (refused: 'answerRefused' | 'resumeRefused' | 'finishRefused') => (copy: PortalCopy) => ({
    crossSite: copy.interview.crossSiteTitle,
    crossSiteText: copy.interview.crossSiteText,
    refused: copy.interview[refused],
  });
  kit.commandForm(
    '/p/sessions/:id/interview',
    titles('answerRefused'),
    async (ctx, participantId, c) => {
      const sessionId = c.req.param('id') ?? '';
      const { input, key } = await formAnswer(c, ctx.copy);
      const answer = await storeAnswer(ctx, participantId, sessionId, input, key);
      await untilUnavailable(drain(interviewerReply(ctx, participantId, sessionId, answer)));
    },
    back,
  );
  kit.commandForm(
    '/p/sessions/:id/interview/resume',
    titles('resumeRefused'),
    async (ctx, participantId, c) => {
      const sessionId = c.req.param('id') ?? '';
      await untilUnavailable(drain(interviewerReply(ctx, participantId, sessionId, null)));
    },
    back,
  );
  kit.commandForm(
    '/p/sessions/:id/interview/finish',
    titles('finishRefused'),
    (ctx, participantId, c) => finishFromPortal(ctx, participantId, c.req.param('id') ?? ''),
    back,
  );
}
