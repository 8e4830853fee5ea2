import type { Role } from '@stageflow/domain';
import { adminAc, memberAc, ownerAc } from 'better-auth/plugins/organization/access';

/**
 * What each role (the domain's `ROLES`, ranked by `hasRole`) may do to the workspace itself through better-auth's organization endpoints
 * (invitations, member roles). Owners and admins manage members; better-auth itself keeps the
 * owner role to owners. Reviewers and viewers manage nothing there.
 */
export const organizationRoles = {
  owner: ownerAc,
  admin: adminAc,
  reviewer: memberAc,
  viewer: memberAc,
} satisfies Record<Role, unknown>;
