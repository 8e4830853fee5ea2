import { conflict, type DomainError } from './errors.ts';
import type { PortalLinkState, PortalLinkStatus } from './schemas/portal-link.ts';

/**
 * The rules of a participant's private portal link (docs/entities.md#portal-link) that need no
 * secret: when it stops working, what rotating and revoking do, and what opening it records. Making
 * the token and hashing it is the server's (crypto); these only see the stored record.
 */

/** A stored link, as the rules need it. */
export interface PortalLinkRecord {
  readonly id: string;
  readonly participant_id: string;
  readonly created_at: string;
  readonly created_by: string;
  readonly expires_at: string;
  readonly revoked_at: string | null;
  readonly last_opened_at: string | null;
}

/** What a portal link command appends to the participant's audit log. */
export interface PortalLinkEvent {
  readonly type: 'portal_link_created' | 'portal_link_revoked' | 'portal_link_opened' | 'portal_link_emailed';
  readonly participant_id: string;
  readonly actor: string;
  readonly occurred_at: string;
  readonly data: Record<string, unknown>;
  /** The bulk action that sent it, when one did (docs/rules.md#bulk-actions). */
  readonly bulk_action_id?: string;
}

const DAY_MS = 86_400_000;

/** Revoked wins over expired: a link revoked before it ran out says so. */
export function portalLinkStatus(
  link: Pick<PortalLinkRecord, 'revoked_at' | 'expires_at'>,
  now: string,
): PortalLinkStatus {
  if (link.revoked_at) return 'revoked';
  return link.expires_at <= now ? 'expired' : 'active';
}

export const portalLinkExpiry = (now: string, days: number) => new Date(Date.parse(now) + days * DAY_MS).toISOString();

/** The link's state for staff: never the token or its hash. */
export const portalLinkState = (link: PortalLinkRecord, now: string): PortalLinkState => ({
  created_at: link.created_at,
  created_by: link.created_by,
  expires_at: link.expires_at,
  revoked_at: link.revoked_at,
  last_opened_at: link.last_opened_at,
  status: portalLinkStatus(link, now),
});

/** What a create (or rotation) stores: the new link, the earlier one's revocation, and the events. */
export interface PortalLinkIssue {
  readonly link: PortalLinkRecord;
  /** The earlier link, revoked now; null when there was none still working. */
  readonly revoke: { readonly id: string; readonly revoked_at: string } | null;
  readonly events: readonly PortalLinkEvent[];
}

/**
 * A new link for the participant, working `days` from `now`. A participant has one working link at
 * most: a link still active is revoked in the same step (`cause: 'rotated'`), so a forwarded or
 * leaked link stops when staff make a new one.
 */
export function issuePortalLink(
  current: PortalLinkRecord | null,
  input: { readonly id: string; readonly participant_id: string; readonly days: number },
  ctx: { readonly now: string; readonly actor: string },
): PortalLinkIssue {
  const { now, actor } = ctx;
  const link: PortalLinkRecord = {
    id: input.id,
    participant_id: input.participant_id,
    created_at: now,
    created_by: actor,
    expires_at: portalLinkExpiry(now, input.days),
    revoked_at: null,
    last_opened_at: null,
  };
  const rotated = current !== null && portalLinkStatus(current, now) === 'active';
  const event = (type: PortalLinkEvent['type'], data: Record<string, unknown>): PortalLinkEvent => ({
    type,
    participant_id: input.participant_id,
    actor,
    occurred_at: now,
    data,
  });
  return {
    link,
    revoke: rotated ? { id: current.id, revoked_at: now } : null,
    events: [
      ...(rotated ? [event('portal_link_revoked', { link_id: current.id, cause: 'rotated' })] : []),
      event('portal_link_created', { link_id: link.id, expires_at: link.expires_at, rotated }),
    ],
  };
}

/** Revoking stops the participant's working link at once; with none working there is nothing to revoke. */
export function revokePortalLink(
  current: PortalLinkRecord | null,
  ctx: { readonly now: string; readonly actor: string },
):
  | {
      readonly revoke: { readonly id: string; readonly revoked_at: string };
      readonly events: readonly PortalLinkEvent[];
    }
  | DomainError {
  const status = current ? portalLinkStatus(current, ctx.now) : null;
  if (!current || status !== 'active') {
    return conflict(
      current ? `The participant's portal link is already ${status}` : 'The participant has no portal link to revoke',
    );
  }
  return {
    revoke: { id: current.id, revoked_at: ctx.now },
    events: [
      {
        type: 'portal_link_revoked',
        participant_id: current.participant_id,
        actor: ctx.actor,
        occurred_at: ctx.now,
        data: { link_id: current.id, cause: 'requested' },
      },
    ],
  };
}

/**
 * Opening a link (the participant's POST from the Continue page, never the GET a mail scanner
 * follows) records when, as the participant. An expired or revoked link is refused with its status.
 */
export function openPortalLink(
  link: PortalLinkRecord,
  now: string,
):
  | { readonly opened_at: string; readonly events: readonly PortalLinkEvent[] }
  | { readonly refused: PortalLinkStatus } {
  const status = portalLinkStatus(link, now);
  if (status !== 'active') return { refused: status };
  return {
    opened_at: now,
    events: [
      {
        type: 'portal_link_opened',
        participant_id: link.participant_id,
        actor: `participant:${link.participant_id}`,
        occurred_at: now,
        data: { link_id: link.id, first: link.last_opened_at === null },
      },
    ],
  };
}
