import type { PendingBulkItem } from '@stageflow/db';
import {
  type BulkActionItem,
  type BulkActionRequest,
  DEFAULT_PORTAL_LINK_DAYS,
  decideSendLinkItem,
  notFound,
  refusedItem,
} from '@stageflow/domain';
import { newMailStatus } from '../mail/deps.ts';
import { linkMail, type MailAppContext, prepareLinkMail } from './mail.ts';

/**
 * A bulk "send the portal link" (docs/rules.md#bulk-actions): each person gets what the single Send link
 * gives (`sendPortalLink`: a new link, the one still working revoked, the events and the message in one
 * transaction), or is refused in `decideSendLinkItem`'s words. It is no participant command, so it has its
 * own path through the storage port (`bulkActions.applyLinkItem`), in the same runner, items and counts.
 */

/**
 * Each person's line as sending would decide it now, read from their stored link over one read snapshot
 * (as the other actions' preview, `participants.dryRun`); nothing is stored.
 */
export async function previewSendLink(
  ctx: MailAppContext,
  people: readonly { readonly participant_id: string }[],
  request: BulkActionRequest,
): Promise<BulkActionItem[]> {
  const now = ctx.now();
  const mail_status = newMailStatus(ctx.mail);
  return ctx.storage.snapshot(function* (r) {
    const items: BulkActionItem[] = [];
    for (const { participant_id } of people) {
      const participant = yield* r.portalLinks.participant(ctx.workspaceId, participant_id);
      if (!participant) {
        items.push(refusedItem(participant_id, null, notFound('Participant', participant_id)));
        continue;
      }
      const current = (yield* r.portalLinks.latest(ctx.workspaceId, participant_id)) ?? null;
      // The preview's link id is never stored: only the line is answered.
      items.push(
        decideSendLinkItem({ participant, current }, request, {
          now,
          actor: ctx.actor,
          link_id: ctx.newId(),
          mail_status,
        }).item,
      );
    }
    return items;
  });
}

/**
 * One pending person of a running bulk send, in one transaction: decided against their link as stored
 * now, then the link, its events (carrying the action's id), the message and their line together. An
 * item settled already (a second runner, a restart) writes nothing, so nobody is sent a link twice.
 */
export async function sendLinkToNext(
  ctx: MailAppContext,
  bulkActionId: string,
  request: BulkActionRequest,
  next: PendingBulkItem,
): Promise<void> {
  // What is random (the token, the ids) is made before the transaction, as for the single Send link.
  const prepared = await prepareLinkMail(ctx, request.expires_in_days ?? DEFAULT_PORTAL_LINK_DAYS);
  const line = await ctx.storage.bulkActions.applyLinkItem(
    ctx.workspaceId,
    bulkActionId,
    next,
    prepared.now,
    ({ participant, current }) => {
      const { issue, item } = decideSendLinkItem({ participant, current }, request, {
        now: prepared.now,
        actor: ctx.actor,
        link_id: prepared.linkId,
        mail_status: prepared.status,
        bulk_action_id: bulkActionId,
      });
      if (!issue) return { change: null, line: item };
      const made = linkMail(ctx, prepared, participant, current, issue);
      return {
        change: { revoke: made.issued.revoke, insert: made.insert, events: made.events, mail: [made.mail] },
        line: item,
      };
    },
    (error) => refusedItem(next.participant_id, null, error),
  );
  if (line?.outcome === 'applied') ctx.mail.wake();
}
