import type { Role } from '../roles.ts';
import { type MailContent, renderMail } from './render.ts';

/** What an invitation to a workspace says. Staff mail is in English (docs/mail.md#templates). */
export interface InvitationMailFacts {
  readonly workspace_name: string;
  readonly inviter_name: string;
  readonly inviter_email: string;
  /** The invited address: they sign in, or sign up, with it. */
  readonly email: string;
  readonly role: Role;
  readonly url: string;
  readonly expires_at: string;
}

/** What each role may do, as the invitation says it (docs/entities.md#members-and-roles). */
const ROLE_WORDS: Record<Role, { readonly name: string; readonly may: string }> = {
  owner: { name: 'an owner', may: 'do everything, including managing members, ownership and API keys' },
  admin: { name: 'an admin', may: 'build pipelines, enrol and move participants, and manage members and keys' },
  reviewer: { name: 'a reviewer', may: 'read everything, record results, run sessions and decide open decisions' },
  viewer: { name: 'a viewer', may: 'read everything, without changing anything' },
};

const day = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

/** An invitation to join a workspace, with the link that accepts it. */
export function invitationMail(facts: InvitationMailFacts): MailContent {
  const role = ROLE_WORDS[facts.role];
  return renderMail('en', `${facts.inviter_name} invited you to ${facts.workspace_name} on Stageflow`, [
    { kind: 'paragraph', text: 'Hello,' },
    {
      kind: 'paragraph',
      text: `${facts.inviter_name} (${facts.inviter_email}) invited you to join ${facts.workspace_name} on Stageflow as ${role.name}. As ${role.name} you can ${role.may}.`,
    },
    {
      kind: 'action',
      label: 'Accept the invitation',
      url: facts.url,
      copyHint: 'If the button does not work, copy this address into your browser:',
    },
    {
      kind: 'paragraph',
      text: `Open the link, then sign in or sign up with this address (${facts.email}). The invitation works until ${day(facts.expires_at)} (UTC).`,
    },
    {
      kind: 'small',
      text: 'If you did not expect this invitation, you can ignore this email: nothing happens until you accept it.',
    },
  ]);
}
