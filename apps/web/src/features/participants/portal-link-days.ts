import { DEFAULT_PORTAL_LINK_DAYS, MAX_PORTAL_LINK_DAYS } from '@stageflow/domain';

/** How long a new portal link works: the domain's default and bound, and a few choices between. */
export const PORTAL_LINK_DAY_CHOICES = [...new Set([7, 14, DEFAULT_PORTAL_LINK_DAYS, 60, MAX_PORTAL_LINK_DAYS])].sort(
  (a, b) => a - b,
);
