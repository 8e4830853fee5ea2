/**
 * The portal API's routes as the OpenAPI document describes them (portal-openapi.ts,
 * docs/surfaces.md#openapi-document): one entry a route, with the zod schemas its handler in
 * portal-api.ts parses and answers with. A test fails while a route registered under
 * `/api/portal/v1` has no entry here, so a new route is one line below (and its schemas' names in
 * `PORTAL_SCHEMAS`, to list them under their own names).
 */
import {
  InterviewAnswerInput,
  InterviewReply,
  InterviewView,
  PortalAnswers,
  PortalConsentInput,
  PortalConsentView,
  PortalSelfIdentificationInput,
  PortalSelfIdentificationView,
  PortalSessionDetail,
  PortalStartInput,
  PortalView,
  PortalWithdrawInput,
  SaveAnswersInput,
} from '@stageflow/domain';
import type { z } from 'zod';

export interface PortalRoute {
  /** The method and the path as portal-api.ts registers it, relative to `/api/portal/v1`: `POST /sessions/:id/finish`. */
  readonly route: `${'GET' | 'POST' | 'PUT'} /${string}`;
  readonly summary: string;
  /** Markdown, with `code`: what a reader should know beyond the summary. */
  readonly description?: string;
  /** The JSON body it reads, if any (every field optional: no body is `{}`, unless `bodyRequired`). */
  readonly body?: z.ZodType;
  /** The body must be sent (its schema has required fields). */
  readonly bodyRequired?: boolean;
  /** A read the rules can refuse (409), as writes can. */
  readonly refusable?: boolean;
  /** What it answers on success. */
  readonly answer: z.ZodType;
  /** Answers 201 (it made something) rather than 200. */
  readonly creates?: boolean;
  /** Takes an `Idempotency-Key` header. */
  readonly idempotent?: boolean;
  /** Answers server-sent events when asked (`Accept: text/event-stream`), and 503 when the interviewer is unavailable. */
  readonly streams?: boolean;
}

export const PORTAL_ROUTES: readonly PortalRoute[] = [
  { route: 'GET /me', summary: 'Your evaluation: your stages, what happens next, your sessions', answer: PortalView },
  {
    route: 'GET /consent',
    summary: 'The AI notice of your current stage, and your answer so far',
    description: 'Only at a stage run by an AI interviewer (otherwise 409).',
    answer: PortalConsentView,
  },
  {
    route: 'POST /consent',
    summary: 'Accept the AI notice, or ask for a person to run the stage instead',
    description:
      'Accepting lets you start the stage; declining asks the team to run it with a person, and holds nothing against you. One answer per stage: the same answer again changes nothing.',
    body: PortalConsentInput,
    answer: PortalConsentView,
  },
  {
    route: 'POST /sessions',
    summary: 'Start your current stage now, or book it',
    description:
      'With no `at`, the session is scheduled and started now; with `at`, booked for then. Send an `Idempotency-Key` header to retry safely: a retry with the same key and body answers the first session.',
    body: PortalStartInput,
    answer: PortalSessionDetail,
    creates: true,
    idempotent: true,
  },
  { route: 'GET /sessions/:id', summary: 'One of your sessions', answer: PortalSessionDetail },
  {
    route: 'POST /sessions/:id/finish',
    summary: 'Say you are done with a session under way',
    description:
      'The session stays `in_progress` until a reviewer records its result. An interview still running ends with the interviewer’s closing words.',
    answer: PortalSessionDetail,
  },
  {
    route: 'GET /sessions/:id/answers',
    summary: "A written assessment's questions and your saved answers",
    description:
      'The questions in order; `editable` says whether the answers can still be saved. 409 for a session that is not a written assessment.',
    answer: PortalAnswers,
    refusable: true,
  },
  {
    route: 'PUT /sessions/:id/answers',
    summary: 'Save some or all of your answers',
    description:
      "A partial save keeps the other answers. An answer over its question's limit is a 400 naming `answers.<i>.text` and the question; nothing of that save is kept.",
    body: SaveAnswersInput,
    bodyRequired: true,
    answer: PortalAnswers,
  },
  {
    route: 'POST /sessions/:id/submit',
    summary: 'Submit your answers, once',
    description: 'A second submit is a 409. The session stays `in_progress` until a reviewer scores it.',
    answer: PortalAnswers,
  },
  {
    route: 'GET /sessions/:id/turns',
    summary: 'Your interview in a session under way: the conversation so far, the time left, whether it ended',
    description:
      'Only for a session under way at a stage run by an AI interviewer whose notice you accepted (otherwise 409). `status` says whose turn it is: `not_started` and `awaiting_interviewer` (ask with `POST …/turns/resume`), `awaiting_participant` (answer with `POST …/turns`), or `ended`.',
    answer: InterviewView,
  },
  {
    route: 'POST /sessions/:id/turns',
    summary: 'Answer the interviewer; the answer is saved, then the interviewer’s next turn comes back',
    description:
      'Send `Accept: text/event-stream` to receive the reply as it is written (server-sent events), otherwise one JSON answer. Your answer is saved before the interviewer is asked, so a 503 (the interviewer is unavailable) loses nothing: ask again with `POST …/turns/resume`. Send an `Idempotency-Key` header to retry safely: a retry with the same key and text saves your answer once.',
    body: InterviewAnswerInput,
    answer: InterviewReply,
    idempotent: true,
    streams: true,
  },
  {
    route: 'POST /sessions/:id/turns/resume',
    summary: 'Ask the interviewer for the turn it owes: its greeting, or the one it could not give',
    description:
      'When the interviewer already spoke last, its last turn comes back and nothing is asked again. Streams like `POST …/turns`; `answer` is `null`.',
    answer: InterviewReply,
    streams: true,
  },
  {
    route: 'GET /self-identification',
    summary: 'The voluntary questions about you (sex, race and ethnicity), and your answers so far',
    description:
      'Why they are asked and each question with its answers, in your language; `answers` is `null` until you answer. Answering is voluntary and changes nothing about your evaluation.',
    answer: PortalSelfIdentificationView,
  },
  {
    route: 'PUT /self-identification',
    summary: 'Answer the voluntary questions about you, or change your answers',
    description:
      'Both answers, each one of the listed values; `decline_to_answer` is an answer. Your answers are kept apart from your evaluation: the people who review it never see them, and fairness checks read them only as totals.',
    body: PortalSelfIdentificationInput,
    bodyRequired: true,
    answer: PortalSelfIdentificationView,
  },
  {
    route: 'POST /withdraw',
    summary: 'Withdraw from your evaluation',
    description: 'Open sessions are cancelled; the answer is your evaluation afterwards.',
    body: PortalWithdrawInput,
    answer: PortalView,
  },
];

/** The schemas the document lists by name (others are written out where they are used). */
export const PORTAL_SCHEMAS: Record<string, z.ZodType> = {
  PortalView,
  PortalConsentView,
  PortalConsentInput,
  PortalSessionDetail,
  PortalStartInput,
  PortalWithdrawInput,
  PortalAnswers,
  SaveAnswersInput,
  InterviewView,
  InterviewAnswerInput,
  InterviewReply,
  PortalSelfIdentificationView,
  PortalSelfIdentificationInput,
};
