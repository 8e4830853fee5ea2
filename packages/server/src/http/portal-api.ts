/**
 * The participant's portal API under `/api/portal/v1` (docs/surfaces.md#portal-api): the participant's
 * own cookie or their link's token as a bearer credential, one participant per request, and none of
 * the staff API's credentials. JSON answers, never cached.
 */
import { randomUUID } from 'node:crypto';
import type { StoragePort } from '@stageflow/db';
import {
  DomainError,
  IdempotencyKey,
  PortalConsentInput,
  PortalConsentView,
  type PortalCopy,
  PortalSessionDetail,
  PortalStartInput,
  PortalView,
  PortalWithdrawInput,
  portalRefusalMessage,
} from '@stageflow/domain';
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import type { PortalAppContext } from '../application/context.ts';
import { finishFromPortal } from '../application/interview.ts';
import { answerPortalConsent, readPortalConsent } from '../application/portal-consent.ts';
import {
  participantActor,
  readPortalSession,
  startPortalSession,
  withdrawFromPortal,
} from '../application/portal-sessions.ts';
import { type InterviewerDeps, interviewerDeps } from '../interviewer/deps.ts';
import type { InterviewRunContext } from '../interviewer/runner.ts';
import type { Logger } from '../logger.ts';
import { type PortalAccess, type PortalLimits, portalAccess, portalViewFor } from './portal-access.ts';
import { mountPortalAnswerRoutes } from './portal-answers-api.ts';
import { registerInterviewApi } from './portal-interview-api.ts';
import { mountPortalSelfIdentificationRoutes } from './portal-self-identification-api.ts';
import { IDEMPOTENCY_HEADER } from './rest-routes.ts';

export const PORTAL_API_BASE = '/api/portal/v1';

export interface PortalApiOptions {
  readonly storage: StoragePort;
  readonly secret: string;
  readonly limits: PortalLimits;
  readonly now: () => string;
  readonly newId?: () => string;
  /** The interviewer's model and its client settings; none (the plan) when absent. */
  readonly interviewer?: InterviewerDeps | undefined;
  readonly log?: Logger | undefined;
}

/** What a portal command runs with: the participant's workspace, the participant as the actor, and their words. */
export const portalContext = (
  options: Pick<PortalApiOptions, 'storage' | 'now' | 'newId'>,
  access: PortalAccess,
): PortalAppContext => ({
  storage: options.storage,
  reads: options.storage.reads,
  workspaceId: access.workspace_id,
  actor: participantActor(access.participant_id),
  now: options.now,
  newId: options.newId ?? randomUUID,
  copy: access.copy,
});

/** A portal context that can run the participant's interview (docs/rules.md#the-interview). */
export const interviewRunContext = (
  options: Pick<PortalApiOptions, 'storage' | 'now' | 'newId' | 'log'> & { interviewer: InterviewerDeps },
  access: PortalAccess,
): InterviewRunContext => ({ ...portalContext(options, access), interviewer: options.interviewer, log: options.log });

const STATUS = { NOT_FOUND: 404, CONFLICT: 409, PRECONDITION_FAILED: 409, BAD_REQUEST: 400 } as const;

/** A domain refusal as the portal answers it: its status, in words for the participant in their language (never an id). */
export function portalRefusal(c: Context, error: unknown, copy: PortalCopy) {
  if (!(error instanceof DomainError)) throw error;
  return c.json({ error: portalRefusalMessage(error, copy) }, STATUS[error.code]);
}

/** A body that does not parse: 400 naming each field (`stage_id: Not a known id: …`). */
const badBody = (c: Context, error: z.ZodError) =>
  c.json(
    {
      error: error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
    },
    400,
  );

const UNAUTHENTICATED =
  'Open your portal link again, or send Authorization: Bearer with an active portal link token. Staff sessions and API keys do not reach the portal.';

export function createPortalApi(options: PortalApiOptions) {
  const app = new Hono();
  const interviewer = options.interviewer ?? interviewerDeps();

  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  /** The request's participant, or the 401 or 429 answer. */
  const who = async (c: Context, now: string): Promise<PortalAccess | Response> => {
    const access = await portalAccess(c, options, now);
    if (!access) return c.json({ error: UNAUTHENTICATED }, 401);
    const refused = await options.limits.token(access.link_id);
    if (refused) {
      c.header('Retry-After', String(refused.retryAfter));
      return c.json(
        { error: `Too many requests for this portal link; try again in ${refused.retryAfter} seconds` },
        429,
      );
    }
    return access;
  };

  app.get('/me', async (c) => {
    const now = options.now();
    const access = await who(c, now);
    if (access instanceof Response) return access;
    const view = await portalViewFor(options.storage.reads, access, now);
    // The link outlived its participant (a deleted row): nothing to show, as for no credential.
    if (!view) return c.json({ error: UNAUTHENTICATED }, 401);
    return c.json(PortalView.parse(view));
  });

  app.post('/sessions', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    const body = await c.req.json().catch(() => ({}));
    const input = PortalStartInput.safeParse(body ?? {});
    if (!input.success) return badBody(c, input.error);
    const key = c.req.header(IDEMPOTENCY_HEADER);
    const retry = key === undefined ? undefined : IdempotencyKey.safeParse(key);
    if (retry && !retry.success) {
      return c.json({ error: `${IDEMPOTENCY_HEADER}: 1 to 200 printable characters without spaces` }, 400);
    }
    try {
      const ctx = portalContext(options, access);
      const session = await startPortalSession(ctx, access.participant_id, input.data, retry?.data);
      return c.json(PortalSessionDetail.parse(session), 201);
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });

  app.get('/sessions/:id', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    try {
      const session = await readPortalSession(portalContext(options, access), access.participant_id, c.req.param('id'));
      return c.json(PortalSessionDetail.parse(session));
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });

  app.post('/sessions/:id/finish', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    try {
      const ctx = interviewRunContext({ ...options, interviewer }, access);
      const session = await finishFromPortal(ctx, access.participant_id, c.req.param('id'));
      return c.json(PortalSessionDetail.parse(session));
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });

  // The AI notice of the current stage and the participant's answer (docs/rules.md#consent-to-an-ai-run-stage).
  app.get('/consent', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    try {
      const view = await readPortalConsent(portalContext(options, access), access.participant_id);
      return c.json(PortalConsentView.parse(view));
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });

  app.post('/consent', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    const body = await c.req.json().catch(() => undefined);
    const input = PortalConsentInput.safeParse(body);
    if (!input.success) return badBody(c, input.error);
    try {
      const ctx = portalContext(options, access);
      const view = await answerPortalConsent(ctx, access.participant_id, input.data);
      return c.json(PortalConsentView.parse(view));
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });

  app.post('/withdraw', async (c) => {
    const now = options.now();
    const access = await who(c, now);
    if (access instanceof Response) return access;
    const input = PortalWithdrawInput.safeParse((await c.req.json().catch(() => ({}))) ?? {});
    if (!input.success) return badBody(c, input.error);
    try {
      await withdrawFromPortal(portalContext(options, access), access.participant_id, input.data);
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
    const view = await portalViewFor(options.storage.reads, access, options.now());
    return view ? c.json(PortalView.parse(view)) : c.json({ error: UNAUTHENTICATED }, 401);
  });

  mountPortalAnswerRoutes(app, { ...options, interviewer }, who);
  registerInterviewApi({
    app,
    who: (c) => who(c, options.now()),
    context: (access) => interviewRunContext({ ...options, interviewer }, access),
    refusal: portalRefusal,
    badBody,
    log: options.log,
  });
  mountPortalSelfIdentificationRoutes(app, options, who);

  app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
