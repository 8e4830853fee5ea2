/**
 * The interview page of the participant's portal (docs/surfaces.md#portal-links,
 * docs/rules.md#the-interview): `GET /p/sessions/{id}/interview` shows the conversation, the time left,
 * a labelled answer box with Send, and Finish interview. It works without script: each form posts,
 * the server stores the answer and makes the interviewer's turn, and redirects back to show it. With
 * the same-origin script `/p/interview.js` (the CSP allows nothing inline), Send posts to the portal API
 * and shows the interviewer's reply as it streams. Every participant-facing string of it is here or in
 * the script.
 */
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  INTERVIEW_ANSWER_MAX,
  INTERVIEWER_UNAVAILABLE_MESSAGE,
  InterviewAnswerInput,
  type InterviewEndedBy,
  type InterviewView,
  portalRefusalMessage,
} from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import { drain, finishFromPortal, interviewerReply, readInterview, storeAnswer } from '../application/interview.ts';
import { InterviewerUnavailableError } from '../interviewer/failures.ts';
import type { InterviewRunContext } from '../interviewer/runner.ts';
import type { PortalAccess } from './portal-access.ts';
import { INTERVIEW_CSS, INTERVIEW_SCRIPT } from './portal-interview-script.ts';

/** What the portal pages lend this file: their page frame, their sign-in check and their command forms. */
export interface InterviewPageKit {
  readonly app: Hono;
  readonly page: (title: string, body: string) => string;
  readonly escapeHtml: (text: string) => string;
  readonly now: () => string;
  readonly signedIn: (c: Context, at: string) => Promise<PortalAccess | Response>;
  readonly context: (access: PortalAccess) => InterviewRunContext;
  readonly commandForm: (
    path: string,
    titles: { crossSite: string; crossSiteText: string; refused: string },
    run: (ctx: InterviewRunContext, participantId: string, c: Context) => Promise<unknown>,
    next?: string | ((c: Context) => string),
  ) => unknown;
}

/** Where a session's interview is, for links and redirects. */
export const interviewPath = (sessionId: string) => `/p/sessions/${encodeURIComponent(sessionId)}/interview`;

/** On `/p/`, while the current stage's session has an interview to take. */
export const continueInterviewLink = (sessionId: string) =>
  `\n<p><a class="button-link" href="${interviewPath(sessionId)}">Continue your interview</a></p>`;

const ENDED: Record<InterviewEndedBy, string> = {
  interviewer: 'The interview is complete. Thank you: your answers are saved, and the team will review them.',
  time: 'The time for this interview is up. Thank you: your answers are saved, and the team will review them.',
  participant: 'You finished the interview. Thank you: your answers are saved, and the team will review them.',
};

/** "About 12 minutes left", as the script also words it. */
function timeLeft(seconds: number): string {
  if (seconds <= 0) return 'Your time is up: send your last answer, or finish the interview.';
  if (seconds < 60) return 'Less than a minute left.';
  const minutes = Math.round(seconds / 60);
  return `About ${minutes} minute${minutes === 1 ? '' : 's'} left.`;
}

function interviewBody(view: InterviewView, e: (text: string) => string): string {
  const path = interviewPath(view.session_id);
  const turns = view.turns.map(
    (t) =>
      `<li class="turn ${t.speaker}" id="turn-${t.index}"><span class="speaker">${t.speaker === 'interviewer' ? 'Interviewer' : 'You'}</span><p>${e(t.text)}</p></li>`,
  );
  const ended = view.status === 'ended';
  const show = (on: boolean) => (on ? '' : ' hidden');
  return `<link rel="stylesheet" href="/p/interview.css">
<div class="interview" id="interview" data-session="${e(view.session_id)}" data-status="${view.status}" data-seconds-left="${view.seconds_left}">
<h1>${e(view.stage_name)}</h1>
<p class="time-left" id="time-left"${show(!ended)}>${e(timeLeft(view.seconds_left))}</p>
<section aria-labelledby="conversation-heading">
<h2 id="conversation-heading" class="visually-hidden">Conversation</h2>
<ol class="conversation" id="conversation">
${turns.join('\n')}
</ol>
</section>
<div class="visually-hidden" id="announce" aria-live="polite"></div>
<p class="notice" id="ended" role="status" data-interviewer="${e(ENDED.interviewer)}" data-time="${e(ENDED.time)}" data-participant="${e(ENDED.participant)}"${show(ended)}>${e(ENDED[view.ended_by ?? 'interviewer'])}</p>
<p class="notice" id="unavailable" role="alert"${show(view.status === 'awaiting_interviewer')}>${e(INTERVIEWER_UNAVAILABLE_MESSAGE)}</p>
<p class="notice" id="problem" role="alert" hidden></p>
<form method="post" action="${path}/resume" id="resume-form"${show(view.status === 'not_started' || view.status === 'awaiting_interviewer')}>
<button type="submit">${view.status === 'not_started' ? 'Begin the interview' : 'Try again'}</button>
</form>
<form method="post" action="${path}" id="answer-form"${show(view.status === 'awaiting_participant')}>
<input type="hidden" name="key" value="${randomUUID()}">
<label for="answer">Your answer</label>
<textarea id="answer" name="text" rows="5" maxlength="${INTERVIEW_ANSWER_MAX}" required></textarea>
<button type="submit">Send</button>
</form>
<form method="post" action="${path}/finish" id="finish-form"${show(!ended)}>
<button type="submit" class="secondary">Finish interview</button>
</form>
<p><a href="/p/">Back to your evaluation</a></p>
</div>
<script src="/p/interview.js" defer></script>`;
}

/** The answer a form sent, checked by the domain's schema (an empty one is refused in plain words). */
async function formAnswer(c: Context) {
  const form = await c.req.parseBody();
  const parsed = InterviewAnswerInput.safeParse({ text: form.text });
  if (!parsed.success) {
    throw new DomainError('BAD_REQUEST', 'Write your answer in the box first, then press Send.');
  }
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
  const { app, page, escapeHtml: e } = kit;
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
    let view: InterviewView;
    try {
      view = readInterview(kit.context(access), access.participant_id, c.req.param('id'));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const title = 'This interview is not open';
      return c.html(
        page(
          title,
          `<h1>${title}</h1>\n<p>${e(portalRefusalMessage(error))}</p>\n<p><a href="/p/">Back to your evaluation</a></p>`,
        ),
        error.code === 'NOT_FOUND' ? 404 : 409,
      );
    }
    return c.html(page(view.stage_name, interviewBody(view, e)));
  });

  const titles = {
    crossSite: 'Answer from your portal',
    crossSiteText: 'Open your portal, then continue your interview there.',
    refused: 'Your answer was not sent',
  };
  kit.commandForm(
    '/p/sessions/:id/interview',
    titles,
    async (ctx, participantId, c) => {
      const sessionId = c.req.param('id') ?? '';
      const { input, key } = await formAnswer(c);
      const answer = await storeAnswer(ctx, participantId, sessionId, input, key);
      await untilUnavailable(drain(interviewerReply(ctx, participantId, sessionId, answer)));
    },
    back,
  );
  kit.commandForm(
    '/p/sessions/:id/interview/resume',
    { ...titles, refused: 'The interview could not go on' },
    async (ctx, participantId, c) => {
      const sessionId = c.req.param('id') ?? '';
      await untilUnavailable(drain(interviewerReply(ctx, participantId, sessionId, null)));
    },
    back,
  );
  kit.commandForm(
    '/p/sessions/:id/interview/finish',
    { ...titles, refused: 'The interview could not be finished' },
    (ctx, participantId, c) => finishFromPortal(ctx, participantId, c.req.param('id') ?? ''),
    back,
  );
}
