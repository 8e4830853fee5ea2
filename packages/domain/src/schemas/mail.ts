import { z } from 'zod';
import { Uuid } from './common.ts';
import { CreatePortalLinkInput } from './portal-link.ts';

/**
 * Outgoing mail (docs/mail.md): what the mail outbox holds and what staff send. Every message is
 * written to the workspace's outbox first; a worker in the server sends it over SMTP.
 */

/** What a message is: an invitation to join a workspace, a participant's portal link, the reviewers' digest. */
export const MAIL_KINDS = ['member_invitation', 'portal_link', 'review_digest', 'webhook_endpoint_disabled'] as const;
export const MailKind = z.enum(MAIL_KINDS);
export type MailKind = z.infer<typeof MailKind>;

/**
 * Where a message stands (docs/mail.md#statuses): `queued` waits for the worker (its first try or a
 * retry), `sent` the SMTP server took it, `failed` it gave up, `not_sent` mail was not set up when the
 * message was written, so it is kept here to read and never sent by itself.
 */
export const MAIL_STATUSES = ['queued', 'sent', 'failed', 'not_sent'] as const;
export const MailStatus = z.enum(MAIL_STATUSES);
export type MailStatus = z.infer<typeof MailStatus>;

/** A message as the outbox lists it: who it is for and where it stands, without its body. */
export const MailSummary = z.object({
  id: z.string(),
  kind: MailKind,
  to: z.string(),
  to_name: z.string().nullable(),
  subject: z.string(),
  language: z.string(),
  status: MailStatus,
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  created_by: z.string(),
  sent_at: z.string().nullable(),
  participant_id: z.string().nullable(),
});
export type MailSummary = z.infer<typeof MailSummary>;

/** One message in full: its text and HTML parts as they were (or will be) sent. */
export const MailMessage = MailSummary.extend({
  text: z.string(),
  html: z.string(),
});
export type MailMessage = z.infer<typeof MailMessage>;

export const MAX_MAIL_PAGE = 100;

/** The outbox, newest first, by status and kind; `cursor` is the `next_cursor` of the page before. */
export const ListMailInput = z.strictObject({
  status: MailStatus.optional(),
  kind: MailKind.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_MAIL_PAGE).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListMailInput = z.input<typeof ListMailInput>;

export const MailPage = z.object({
  items: z.array(MailSummary),
  next_cursor: z.string().nullable(),
});
export type MailPage = z.infer<typeof MailPage>;

export const MailByIdInput = z.strictObject({ id: Uuid });

/** Whether the server can send mail now (SMTP settings), and the sender it uses. */
export const MailSetup = z.object({
  configured: z.boolean(),
  from: z.string().nullable(),
});
export type MailSetup = z.infer<typeof MailSetup>;

/** A member's own mail settings in the workspace (docs/mail.md#the-review-digest). */
export const MailPreferences = z.object({
  /** The daily email of open decisions; off until the member turns it on. */
  review_digest: z.boolean(),
  /** Whether their role may receive it: reviewers, admins and owners decide; viewers do not. */
  can_receive_review_digest: z.boolean(),
});
export type MailPreferences = z.infer<typeof MailPreferences>;

export const UpdateMailPreferencesInput = z.strictObject({ review_digest: z.boolean() });
export type UpdateMailPreferencesInput = z.input<typeof UpdateMailPreferencesInput>;

/** Emails a new portal link to the participant (making one revokes the link they had). */
export const SendPortalLinkInput = CreatePortalLinkInput;
export type SendPortalLinkInput = z.input<typeof SendPortalLinkInput>;

/**
 * Beside an enrolment's fields: also email the new participant their portal link (a new link, working for
 * the default days), in the enrolment's transaction.
 */
export const SendPortalLinkOption = { send_portal_link: z.boolean().default(false) };

/** What writing a message answered: which message, to whom, and whether it waits to be sent or was kept. */
export const MailQueued = z.object({
  id: z.string(),
  to: z.string(),
  status: MailStatus,
});
export type MailQueued = z.infer<typeof MailQueued>;
