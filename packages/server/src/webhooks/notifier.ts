import type { WebhookEndpointRecord } from '@stageflow/domain';
import type { Logger } from '../logger.ts';

/** An endpoint the worker just disabled: it answered 410, or failed for 5 days. */
export interface DisabledEndpoint {
  readonly workspaceId: string;
  readonly endpoint: WebhookEndpointRecord<unknown>;
  readonly reason: 'gone' | 'failing';
}

/**
 * How a workspace's admins hear that an endpoint was disabled, beyond what the app shows (the
 * endpoint's banner and the `webhook_endpoint_disabled` event in the audit log). The default writes a
 * warning to the server's log; mail plugs in here, called once, after the change was committed.
 */
export interface WebhookNotifier {
  endpointDisabled(notice: DisabledEndpoint): void | Promise<void>;
}

export const logNotifier = (log: Logger): WebhookNotifier => ({
  endpointDisabled: ({ workspaceId, endpoint, reason }) => {
    log.warn(
      { workspaceId, endpointId: endpoint.id, url: endpoint.url, reason },
      reason === 'gone'
        ? 'webhook endpoint answered 410 Gone and was disabled'
        : 'webhook endpoint failed for 5 days and was disabled',
    );
  },
});
