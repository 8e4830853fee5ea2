import type { PortalCopy } from '../portal/copy/en.ts';
import { type MailContent, renderMail } from './render.ts';

/** What the portal-link email says: who it is for, what it opens, and until when. */
export interface PortalLinkMailFacts {
  readonly name: string;
  readonly template_name: string;
  /** Who runs the evaluation as participants know them: the portal notice's organisation, else the workspace's name. */
  readonly team: string;
  readonly url: string;
  readonly expires_at: string;
}

/**
 * The participant's portal link as an email, in their template's language (the portal's copy, `copy.mail`):
 * the same words and the same plainness as the portal's pages, never an internal id.
 */
export function portalLinkMail(facts: PortalLinkMailFacts, copy: PortalCopy): MailContent {
  const words = copy.mail.portalLink;
  return renderMail(copy.language, words.subject(facts.template_name), [
    { kind: 'paragraph', text: words.hello(facts.name) },
    { kind: 'paragraph', text: words.intro(facts.team, facts.template_name) },
    { kind: 'action', label: words.open, url: facts.url, copyHint: words.copyHint },
    { kind: 'paragraph', text: `${words.until(copy.dates.utc(facts.expires_at))} ${words.private}` },
    { kind: 'small', text: words.why(facts.team) },
  ]);
}
