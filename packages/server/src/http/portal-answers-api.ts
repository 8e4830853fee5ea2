/**
 * A written assessment's answers over the portal API (docs/surfaces.md#portal-api): read them with the
 * questions, save drafts (some or all), submit once. The participant's own sessions only: another's is
 * a 404, like an unknown id.
 */
import { PortalAnswers, SaveAnswersInput } from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import { readPortalAnswers, savePortalAnswers } from '../application/answers.ts';
import { submitAnswersForScoring } from '../interviewer/answers-submitted.ts';
import type { InterviewerDeps } from '../interviewer/deps.ts';
import type { PortalAccess } from './portal-access.ts';
import { interviewRunContext, type PortalApiOptions, portalContext, portalRefusal } from './portal-api.ts';

/** A body that does not parse, as a 400 naming each field at fault. */
const badBody = (c: Context, issues: readonly { path: PropertyKey[]; message: string }[]) =>
  c.json({ error: issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ') }, 400);

export function mountPortalAnswerRoutes(
  app: Hono,
  options: PortalApiOptions & { readonly interviewer: InterviewerDeps },
  who: (c: Context, now: string) => Promise<PortalAccess | Response>,
): void {
  app.get('/sessions/:id/answers', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    try {
      const view = await readPortalAnswers(portalContext(options, access), access.participant_id, c.req.param('id'));
      return c.json(PortalAnswers.parse(view));
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });

  app.put('/sessions/:id/answers', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    const body = await c.req.json().catch(() => undefined);
    const input = SaveAnswersInput.safeParse(body);
    if (!input.success) return badBody(c, input.error.issues);
    try {
      const ctx = portalContext(options, access);
      const view = await savePortalAnswers(ctx, access.participant_id, c.req.param('id'), input.data);
      return c.json(PortalAnswers.parse(view));
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });

  app.post('/sessions/:id/submit', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    try {
      // Submitted, then scored by the stage's interviewer where there is a model (docs/rules.md#scoring-with-evidence).
      const ctx = interviewRunContext(options, access);
      const view = await submitAnswersForScoring(ctx, access.participant_id, c.req.param('id'));
      return c.json(PortalAnswers.parse(view));
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });
}
