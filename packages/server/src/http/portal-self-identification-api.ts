/**
 * The voluntary self-identification questions over the portal API (docs/surfaces.md#portal-api,
 * docs/rules.md#self-identification): read them with the participant's own answers, and answer or change
 * them. The participant's own answers only, and only to them.
 */
import { PortalSelfIdentificationInput, PortalSelfIdentificationView } from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import { answerPortalSelfIdentification, readPortalSelfIdentification } from '../application/self-identification.ts';
import type { PortalAccess } from './portal-access.ts';
import { type PortalApiOptions, portalContext, portalRefusal } from './portal-api.ts';

/** A body that does not parse, as a 400 naming each field at fault. */
const badBody = (c: Context, issues: readonly { path: PropertyKey[]; message: string }[]) =>
  c.json({ error: issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ') }, 400);

export function mountPortalSelfIdentificationRoutes(
  app: Hono,
  options: PortalApiOptions,
  who: (c: Context, now: string) => Promise<PortalAccess | Response>,
): void {
  app.get('/self-identification', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    const view = await readPortalSelfIdentification(portalContext(options, access), access.participant_id);
    return c.json(PortalSelfIdentificationView.parse(view));
  });

  app.put('/self-identification', async (c) => {
    const access = await who(c, options.now());
    if (access instanceof Response) return access;
    const input = PortalSelfIdentificationInput.safeParse(await c.req.json().catch(() => undefined));
    if (!input.success) return badBody(c, input.error.issues);
    try {
      const ctx = portalContext(options, access);
      const view = await answerPortalSelfIdentification(ctx, access.participant_id, input.data);
      return c.json(PortalSelfIdentificationView.parse(view));
    } catch (error) {
      return portalRefusal(c, error, access.copy);
    }
  });
}
