/**
 * The interview in the portal API (docs/surfaces.md#portal-api, docs/rules.md#the-interview):
 *
 * - `GET /sessions/{id}/turns`: the conversation so far, the time left, whether it ended;
 * - `POST /sessions/{id}/turns` `{ text }`: the participant's answer, stored first, then the interviewer's
 *   next turn;
 * - `POST /sessions/{id}/turns/resume`: the turn the interviewer owes: its greeting, or the one it could
 *   not give when it was unavailable.
 *
 * Both POSTs answer JSON, or server-sent events when the client sends `Accept: text/event-stream`
 * (docs/decisions/021-the-interview-in-the-portal.md): `turn` for each stored turn, `delta` for the
 * interviewer's words as they come, `end` with the state after, or `error` with the participant's
 * words. A stream the client leaves still runs to its end: the turn is stored all the same.
 */
import {
  DomainError,
  IdempotencyKey,
  InterviewAnswerInput,
  InterviewReply,
  InterviewView,
  type PortalCopy,
  portalRefusalMessage,
} from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { z } from 'zod';
import {
  drain,
  type InterviewStreamEvent,
  interviewerReply,
  readInterview,
  storeAnswer,
} from '../application/interview.ts';
import { InterviewerUnavailableError } from '../interviewer/failures.ts';
import type { InterviewRunContext } from '../interviewer/runner.ts';
import type { Logger } from '../logger.ts';
import type { PortalAccess } from './portal-access.ts';
import { IDEMPOTENCY_HEADER } from './rest-routes.ts';

export interface InterviewApiKit {
  readonly app: Hono;
  /** The request's participant, or the 401 or 429 answer. */
  readonly who: (c: Context) => Promise<PortalAccess | Response>;
  readonly context: (access: PortalAccess) => InterviewRunContext;
  /** A domain refusal as the portal answers it, in the participant's words. */
  readonly refusal: (c: Context, error: unknown, copy: PortalCopy) => Response;
  readonly badBody: (c: Context, error: z.ZodError) => Response;
  readonly log?: Logger | undefined;
}

type Reply = AsyncGenerator<InterviewStreamEvent, InterviewReply, undefined>;

const wantsStream = (c: Context) => /\btext\/event-stream\b/i.test(c.req.header('accept') ?? '');

/** What the participant reads when something fails mid-turn: never a cause, an id or the prompt. */
function failureWords(error: unknown, copy: PortalCopy): string | undefined {
  if (error instanceof InterviewerUnavailableError) return copy.interview.unavailable;
  if (error instanceof DomainError) return portalRefusalMessage(error, copy);
  return undefined;
}

/** A reply as server-sent events, run to its end even when the client has gone (writes then do nothing). */
function streamReply(c: Context, reply: Reply, copy: PortalCopy, log: Logger | undefined) {
  return streamSSE(c, async (stream) => {
    try {
      for await (const event of reply) {
        const data =
          event.type === 'delta' ? { text: event.text } : event.type === 'turn' ? event.turn : event.interview;
        await stream.writeSSE({ event: event.type, data: JSON.stringify(data) });
      }
    } catch (error) {
      const words = failureWords(error, copy);
      if (words === undefined) log?.error({ err: error }, 'an interview turn failed');
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ error: words ?? copy.interview.failed }) });
    }
  });
}

async function jsonReply(c: Context, reply: Reply, copy: PortalCopy, refusal: InterviewApiKit['refusal']) {
  try {
    return c.json(InterviewReply.parse(await drain(reply)));
  } catch (error) {
    if (error instanceof InterviewerUnavailableError) return c.json({ error: copy.interview.unavailable }, 503);
    return refusal(c, error, copy);
  }
}

export function registerInterviewApi(kit: InterviewApiKit): void {
  const { app } = kit;
  const respond = (c: Context, reply: Reply, copy: PortalCopy) =>
    wantsStream(c) ? streamReply(c, reply, copy, kit.log) : jsonReply(c, reply, copy, kit.refusal);

  app.get('/sessions/:id/turns', async (c) => {
    const access = await kit.who(c);
    if (access instanceof Response) return access;
    try {
      const view = await readInterview(kit.context(access), access.participant_id, c.req.param('id'));
      return c.json(InterviewView.parse(view));
    } catch (error) {
      return kit.refusal(c, error, access.copy);
    }
  });

  app.post('/sessions/:id/turns', async (c) => {
    const access = await kit.who(c);
    if (access instanceof Response) return access;
    const input = InterviewAnswerInput.safeParse(await c.req.json().catch(() => undefined));
    if (!input.success) return kit.badBody(c, input.error);
    const key = c.req.header(IDEMPOTENCY_HEADER);
    const retry = key === undefined ? undefined : IdempotencyKey.safeParse(key);
    if (retry && !retry.success) {
      return c.json({ error: `${IDEMPOTENCY_HEADER}: 1 to 200 printable characters without spaces` }, 400);
    }
    const ctx = kit.context(access);
    const sessionId = c.req.param('id');
    let answer: Awaited<ReturnType<typeof storeAnswer>>;
    try {
      // Stored before the stream starts: a refusal is an HTTP status, and the answer is safe before the model is asked.
      answer = await storeAnswer(ctx, access.participant_id, sessionId, input.data, retry?.data ?? null);
    } catch (error) {
      return kit.refusal(c, error, access.copy);
    }
    return respond(c, interviewerReply(ctx, access.participant_id, sessionId, answer), access.copy);
  });

  app.post('/sessions/:id/turns/resume', async (c) => {
    const access = await kit.who(c);
    if (access instanceof Response) return access;
    const ctx = kit.context(access);
    const sessionId = c.req.param('id');
    try {
      await readInterview(ctx, access.participant_id, sessionId);
    } catch (error) {
      return kit.refusal(c, error, access.copy);
    }
    return respond(c, interviewerReply(ctx, access.participant_id, sessionId, null), access.copy);
  });
}
