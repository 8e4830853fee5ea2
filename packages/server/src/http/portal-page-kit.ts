import type { PortalCopy } from '@stageflow/domain';
import type { Context, Hono } from 'hono';
import type { PortalAccess } from './portal-access.ts';

/**
 * What the portal pages (portal-pages.ts) lend a file of pages of their own: their page frame, their
 * sign-in check and their command forms. `Ctx` is the context the file's commands run in.
 */
export interface PortalPageKit<Ctx> {
  readonly app: Hono;
  readonly page: (copy: PortalCopy, title: string, body: string) => string;
  readonly escapeHtml: (text: string) => string;
  /** "Back to your evaluation", as HTML. */
  readonly backLink: (copy: PortalCopy) => string;
  readonly now: () => string;
  /** The participant's own session, or the page that asks them to open their link again. */
  readonly signedIn: (c: Context, at: string) => Promise<PortalAccess | Response>;
  readonly context: (access: PortalAccess) => Ctx;
  /** A same-origin form that runs one command as the participant, then redirects to `next`. */
  readonly commandForm: (
    path: string,
    titles: (copy: PortalCopy) => { crossSite: string; crossSiteText: string; refused: string },
    run: (ctx: Ctx, participantId: string, c: Context) => Promise<unknown>,
    next?: string | ((c: Context) => string),
  ) => unknown;
}
