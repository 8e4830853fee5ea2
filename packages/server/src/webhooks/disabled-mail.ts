import type { DisabledEndpointFacts, NewMail } from '@stageflow/db';
import { webhookDisabledMail } from '@stageflow/domain';
import type { MailDeps } from '../mail/deps.ts';

/**
 * The mail the webhook worker writes when it disables an endpoint (docs/webhooks.md#delivery-and-retries):
 * one message to each admin and owner of its workspace, written in the disabling's own transaction
 * (the storage port's `webhooks.settle`), so it is written once and never lost. `wake` tells this process's
 * mail worker once it is committed.
 */
export interface DisabledEndpointMailer {
  readonly write: (facts: DisabledEndpointFacts) => readonly NewMail[];
  readonly wake: () => void;
}

/**
 * Only when mail is set up: without it the endpoint's banner, the audit log's `webhook_endpoint_disabled`
 * and the server's log already say so, and a kept message nobody is sent would only add to the outbox.
 */
export function disabledEndpointMailer(deps: {
  readonly mail: MailDeps;
  /** PUBLIC_URL without a trailing slash. */
  readonly publicUrl: string;
  readonly newId: () => string;
  readonly now: () => string;
}): DisabledEndpointMailer | undefined {
  if (!deps.mail.setup.configured) return undefined;
  return {
    write: ({ endpoint, admins }) => {
      const now = deps.now();
      return admins.map((admin): NewMail => {
        const content = webhookDisabledMail({
          member_name: admin.name,
          workspace_name: admin.workspace_name,
          endpoint_url: endpoint.url,
          reason: endpoint.disabled_reason === 'gone' ? 'gone' : 'failing',
          failing_since: endpoint.failing_since,
          endpoint_page: `${deps.publicUrl}/developer/webhooks/${endpoint.id}`,
        });
        return {
          id: deps.newId(),
          workspace_id: endpoint.workspace_id,
          kind: 'webhook_endpoint_disabled',
          to_address: admin.email,
          to_name: admin.name,
          language: 'en',
          subject: content.subject,
          text_body: content.text,
          html_body: content.html,
          status: 'queued',
          created_at: now,
          created_by: 'system',
        };
      });
    },
    wake: deps.mail.wake,
  };
}
