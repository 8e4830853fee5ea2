import type { NewMail, ParticipantUnit, PortalParticipant, StoragePort } from '@stageflow/db';
import {
  invitationMail,
  isRole,
  issuePortalLink,
  type MailQueued,
  type PortalLinkEvent,
  type PortalLinkIssue,
  type PortalLinkRecord,
  portalCopy,
  portalLinkMail,
  unwrap,
} from '@stageflow/domain';
import { generatePortalToken } from '../auth/portal-tokens.ts';
import { type MailDeps, newMailStatus } from '../mail/deps.ts';
import type { AppContext } from './context.ts';

/** What a command that writes mail runs with, beside the usual: the mail setup and where links point. */
export interface MailAppContext extends AppContext {
  readonly mail: MailDeps;
  /** PUBLIC_URL without a trailing slash. */
  readonly publicUrl: string;
}

/** A portal link made to be emailed: the link (its token is in the mail and this answer only) and its message. */
export interface SentPortalLink {
  readonly url: string;
  readonly token: string;
  readonly expires_at: string;
  readonly mail: MailQueued;
}

/** The participant as the email names them. */
type Recipient = Pick<PortalParticipant, 'id' | 'name' | 'email' | 'template_name' | 'language'>;

/**
 * What is random or read before the transaction (the step stays pure): the token, the ids, and who runs
 * the evaluation as participants know them (the AI notice's organisation, else the workspace's name).
 */
export async function prepareLinkMail(ctx: MailAppContext, days: number) {
  const { token, hash } = generatePortalToken();
  const notice = await ctx.reads.portalNotice.get(ctx.workspaceId);
  const team =
    notice.organization ?? (await ctx.reads.workspaces.byId(ctx.workspaceId))?.name ?? portalCopy('en').notice.theTeam;
  return {
    token,
    hash,
    linkId: ctx.newId(),
    mailId: ctx.newId(),
    url: `${ctx.publicUrl}/p/${token}`,
    team,
    days,
    now: ctx.now(),
    status: newMailStatus(ctx.mail),
  };
}
type PreparedLinkMail = Awaited<ReturnType<typeof prepareLinkMail>>;

/**
 * The link, its message in the participant's language (their template's, where the portal has it), and
 * the events: the link's own and `portal_link_emailed`, which the staff timeline shows. A bulk send gives
 * the link it decided (`decideSendLinkItem`, the same `issuePortalLink`), its events carrying the action's id.
 */
export function linkMail(
  ctx: MailAppContext,
  p: PreparedLinkMail,
  who: Recipient,
  current: PortalLinkRecord | null,
  issued: PortalLinkIssue = issuePortalLink(
    current,
    { id: p.linkId, participant_id: who.id, days: p.days },
    { now: p.now, actor: ctx.actor },
  ),
) {
  const bulkActionId = issued.events.find((e) => e.bulk_action_id)?.bulk_action_id;
  const content = portalLinkMail(
    { name: who.name, template_name: who.template_name, team: p.team, url: p.url, expires_at: issued.link.expires_at },
    portalCopy(who.language),
  );
  const mail: NewMail = {
    id: p.mailId,
    workspace_id: ctx.workspaceId,
    kind: 'portal_link',
    to_address: who.email,
    to_name: who.name,
    language: portalCopy(who.language).language,
    subject: content.subject,
    text_body: content.text,
    html_body: content.html,
    status: p.status,
    created_at: p.now,
    created_by: ctx.actor,
    participant_id: who.id,
  };
  const emailed: PortalLinkEvent = {
    type: 'portal_link_emailed',
    participant_id: who.id,
    actor: ctx.actor,
    occurred_at: p.now,
    data: { link_id: p.linkId, mail_id: p.mailId, to: who.email, status: p.status },
    ...(bulkActionId && { bulk_action_id: bulkActionId }),
  };
  const sent: SentPortalLink = {
    url: p.url,
    token: p.token,
    expires_at: issued.link.expires_at,
    mail: { id: p.mailId, to: who.email, status: p.status },
  };
  return {
    issued,
    insert: { ...issued.link, workspace_id: ctx.workspaceId, token_hash: p.hash },
    events: [...issued.events, emailed],
    mail,
    sent,
  };
}

/**
 * Emails the participant a new portal link (docs/mail.md#the-portal-link): the link, the revocation of
 * one still working, the events and the message are one transaction. Without mail set up the message is
 * kept in the outbox and the answer's link is the one to copy.
 */
export async function sendPortalLink(
  ctx: MailAppContext,
  input: { participant_id: string; expires_in_days: number },
): Promise<SentPortalLink & { link: PortalLinkRecord }> {
  const prepared = await prepareLinkMail(ctx, input.expires_in_days);
  let sent: SentPortalLink | undefined;
  const link = await ctx.storage.portalLinks.change(
    ctx.workspaceId,
    input.participant_id,
    ({ participant, current }) => {
      const made = linkMail(ctx, prepared, participant, current);
      sent = made.sent;
      return { revoke: made.issued.revoke, insert: made.insert, events: made.events, mail: [made.mail] };
    },
  );
  const stored = unwrap(link);
  ctx.mail.wake();
  return { ...(sent as SentPortalLink), link: stored };
}

/**
 * An enrolment that also emails the new participant their portal link, in the enrolment's own
 * transaction: the participant, their link and its message are stored together or not at all. `answer`
 * adds what was sent to the enrolment's answer, so a retried request (idempotency) answers the same.
 */
export async function enrolSendingLink<A, B>(
  ctx: MailAppContext,
  unit: ParticipantUnit<A>,
  template: { readonly template_name: string; readonly language: string },
  days: number,
  answer: (enrolled: A, sent: SentPortalLink) => B,
): Promise<ParticipantUnit<B>> {
  const prepared = await prepareLinkMail(ctx, days);
  return {
    ...unit,
    step: (facts) => {
      const outcome = unit.step(facts);
      if (outcome instanceof Error) return outcome;
      const participant = outcome.state.participant;
      // An enrolment's step always answers the participant it made; anything else is a bug here.
      if (!participant) throw new Error('enrolSendingLink wraps an enrolment');
      const who = { ...participant, template_name: template.template_name, language: template.language };
      const made = linkMail(ctx, prepared, who, null);
      return {
        ...outcome,
        answer: answer(outcome.answer, made.sent),
        portalLink: { insert: made.insert, events: made.events },
        mail: [made.mail],
      };
    },
  };
}

/** What better-auth tells about an invitation it just made (or made again: "Send again"). */
export interface InvitationFacts {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly expires_at: Date;
  readonly workspace: { readonly id: string; readonly name: string };
  readonly inviter: { readonly id: string; readonly name: string; readonly email: string };
}

/**
 * Writes the invitation's email to the outbox (docs/mail.md#invitations). better-auth stores the
 * invitation itself, through its own adapter, just before: the two writes are not one transaction, so
 * an invitation whose message failed to be written still shows its link on the Members page.
 */
export async function writeInvitationMail(
  deps: {
    readonly storage: StoragePort;
    readonly mail: MailDeps;
    readonly publicUrl: string;
    readonly now: () => string;
    readonly newId: () => string;
  },
  invitation: InvitationFacts,
): Promise<void> {
  const content = invitationMail({
    workspace_name: invitation.workspace.name,
    inviter_name: invitation.inviter.name,
    inviter_email: invitation.inviter.email,
    email: invitation.email,
    // better-auth takes only our four roles (auth/roles.ts); the narrowing is for the type.
    role: isRole(invitation.role) ? invitation.role : 'viewer',
    url: `${deps.publicUrl}/invite/${invitation.id}`,
    expires_at: invitation.expires_at.toISOString(),
  });
  await deps.storage.mail.enqueue([
    {
      id: deps.newId(),
      workspace_id: invitation.workspace.id,
      kind: 'member_invitation',
      to_address: invitation.email,
      to_name: null,
      language: 'en',
      subject: content.subject,
      text_body: content.text,
      html_body: content.html,
      status: newMailStatus(deps.mail),
      created_at: deps.now(),
      created_by: `user:${invitation.inviter.id}`,
    },
  ]);
  deps.mail.wake();
}

/** A member turns their daily digest of open decisions on or off (docs/mail.md#the-review-digest). */
export async function setReviewDigest(ctx: AppContext, userId: string, on: boolean): Promise<void> {
  await ctx.storage.mail.setReviewDigest(ctx.workspaceId, userId, on, ctx.now());
}
