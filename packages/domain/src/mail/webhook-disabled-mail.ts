import { type MailContent, renderMail } from './render.ts';

/** What the mail about a disabled webhook endpoint says. Staff mail is in English (docs/mail.md#templates). */
export interface WebhookDisabledMailFacts {
  readonly member_name: string;
  readonly workspace_name: string;
  /** Where the endpoint posted to. */
  readonly endpoint_url: string;
  /** `gone`: it answered 410; `failing`: every attempt failed for 5 days. */
  readonly reason: 'gone' | 'failing';
  /** Since when its attempts failed (`failing`). */
  readonly failing_since: string | null;
  /** The endpoint's page in the app, where it is turned on again. */
  readonly endpoint_page: string;
}

const day = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

/**
 * Tells a workspace's admins and owners that the worker disabled a webhook endpoint
 * (docs/webhooks.md#delivery-and-retries): why, what it means (nothing more is sent to it), and where to
 * turn it on again. Sent once per disabling, written with it (docs/mail.md#what-is-emailed).
 */
export function webhookDisabledMail(facts: WebhookDisabledMailFacts): MailContent {
  const why =
    facts.reason === 'gone'
      ? 'it answered 410 Gone, which says the endpoint no longer exists'
      : `every delivery to it failed for 5 days${facts.failing_since ? `, since ${day(facts.failing_since)} (UTC)` : ''}`;
  return renderMail('en', `A webhook endpoint of ${facts.workspace_name} was disabled`, [
    { kind: 'paragraph', text: `Hello ${facts.member_name},` },
    {
      kind: 'paragraph',
      text: `Stageflow disabled the webhook endpoint ${facts.endpoint_url} in ${facts.workspace_name}: ${why}. Nothing more is sent to it, and what was waiting for it was given up.`,
    },
    {
      kind: 'action',
      label: 'Open the endpoint',
      url: facts.endpoint_page,
      copyHint: 'If the button does not work, copy this address into your browser:',
    },
    {
      kind: 'paragraph',
      text: 'Once the receiving side works again, turn the endpoint on from its page; Replay sends a delivery again.',
    },
    {
      kind: 'small',
      text: `You get this as an admin or owner of ${facts.workspace_name}.`,
    },
  ]);
}
