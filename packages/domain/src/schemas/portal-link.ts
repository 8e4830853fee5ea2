import { z } from 'zod';
import { Uuid } from './common.ts';

/** How long a new portal link works unless the caller says otherwise (docs/entities.md#portal-link). */
export const DEFAULT_PORTAL_LINK_DAYS = 30;
/** The longest a portal link may work: a link in a mailbox should not outlive an evaluation by much. */
export const MAX_PORTAL_LINK_DAYS = 90;

/** How many days a new portal link works: the single link's and the bulk send's. */
export const PortalLinkDays = z.int().min(1).max(MAX_PORTAL_LINK_DAYS);

/** Creates a participant's portal link; when they already have one, it is revoked (a rotation). */
export const CreatePortalLinkInput = z.strictObject({
  participant_id: Uuid,
  expires_in_days: PortalLinkDays.default(DEFAULT_PORTAL_LINK_DAYS),
});
export type CreatePortalLinkInput = z.input<typeof CreatePortalLinkInput>;

export const RevokePortalLinkInput = z.strictObject({ participant_id: Uuid });
export type RevokePortalLinkInput = z.input<typeof RevokePortalLinkInput>;

export const PORTAL_LINK_STATUSES = ['active', 'expired', 'revoked'] as const;
export const PortalLinkStatus = z.enum(PORTAL_LINK_STATUSES);
export type PortalLinkStatus = z.infer<typeof PortalLinkStatus>;

/** A participant's latest link as staff see it: never the token or its hash. */
export const PortalLinkState = z.object({
  created_at: z.string(),
  created_by: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  last_opened_at: z.string().nullable(),
  status: PortalLinkStatus,
});
export type PortalLinkState = z.infer<typeof PortalLinkState>;
