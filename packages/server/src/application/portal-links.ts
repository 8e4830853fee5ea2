import type { PortalLinkOpening } from '@stageflow/db';
import {
  issuePortalLink,
  openPortalLink,
  type PortalLinkRecord,
  revokePortalLink as revokeRule,
  unwrap,
} from '@stageflow/domain';
import { generatePortalToken, hashPortalToken, isPortalTokenShape } from '../auth/portal-tokens.ts';
import type { AppContext } from './context.ts';

export interface IssuedPortalLink {
  /** Shown this once: only its hash is stored. */
  readonly token: string;
  readonly link: PortalLinkRecord;
}

/**
 * A new portal link for the participant; a link still working is revoked in the same transaction
 * (create and rotate are one command: docs/entities.md#portal-link).
 */
export async function createPortalLink(
  ctx: AppContext,
  input: { participant_id: string; expires_in_days: number },
): Promise<IssuedPortalLink> {
  const now = ctx.now();
  const id = ctx.newId();
  // Made before the transaction, so the step stays pure.
  const { token, hash } = generatePortalToken();
  const link = await ctx.storage.portalLinks.change(ctx.workspaceId, input.participant_id, ({ current }) => {
    const issued = issuePortalLink(
      current,
      { id, participant_id: input.participant_id, days: input.expires_in_days },
      { now, actor: ctx.actor },
    );
    return {
      revoke: issued.revoke,
      insert: { ...issued.link, workspace_id: ctx.workspaceId, token_hash: hash },
      events: issued.events,
    };
  });
  return { token, link: unwrap(link) };
}

/** Stops the participant's working link at once (CONFLICT when none is working). */
export async function revokePortalLink(ctx: AppContext, participantId: string): Promise<PortalLinkRecord> {
  const now = ctx.now();
  return unwrap(
    await ctx.storage.portalLinks.change(ctx.workspaceId, participantId, ({ current }) => {
      const revoked = revokeRule(current, { now, actor: ctx.actor });
      return revoked instanceof Error ? revoked : { revoke: revoked.revoke, events: revoked.events };
    }),
  );
}

/**
 * The participant exchanges their token (the POST from the Continue page): records the opening and
 * answers whose link it is, or why it is refused. Needs no workspace: the token names it.
 */
export async function openPortalLinkByToken(
  ctx: Pick<AppContext, 'storage' | 'now'>,
  token: string,
): Promise<PortalLinkOpening> {
  if (!isPortalTokenShape(token)) return { refused: 'unknown' };
  const now = ctx.now();
  return ctx.storage.portalLinks.open(hashPortalToken(token), (link) => openPortalLink(link, now));
}
