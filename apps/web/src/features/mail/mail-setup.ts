import type { MailKind, MailStatus } from '@stageflow/domain';
import { trpc } from '../../app/trpc.ts';
import type { BadgeTone } from '../../ui/Badge.tsx';

/**
 * What the app says about outgoing mail (docs/mail.md). Whether the server can send is asked once and
 * kept: it changes only when the server restarts with other settings.
 */

/** Said wherever a link was to be emailed and mail is not set up. */
export const MAIL_NOT_SET_UP_LINK = 'Mail is not set up: the link was not sent — copy it instead';

/** True or false once known; undefined while asking (say nothing yet). */
export function useMailSetup(): boolean | undefined {
  return trpc.mail.setup.useQuery(undefined, { staleTime: 5 * 60_000 }).data?.configured;
}

export const MAIL_STATUS: Record<MailStatus, { label: string; tone: BadgeTone; means: string }> = {
  queued: { label: 'Waiting', tone: 'info', means: 'Waiting to be sent, or to be tried again.' },
  sent: { label: 'Sent', tone: 'success', means: 'The mail server took it.' },
  failed: { label: 'Not delivered', tone: 'danger', means: 'Given up after the last try.' },
  not_sent: {
    label: 'Not sent',
    tone: 'warning',
    means: 'Mail was not set up when it was written: kept here, never sent. Hand over what it says yourself.',
  },
};

export const MAIL_KIND: Record<MailKind, string> = {
  member_invitation: 'Invitation',
  portal_link: 'Portal link',
  review_digest: 'Decisions digest',
  webhook_endpoint_disabled: 'Webhook endpoint disabled',
};
