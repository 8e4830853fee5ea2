import { adminAc, memberAc, ownerAc } from 'better-auth/plugins/organization/access';

/** Member roles, most powerful first (docs/entities.md#members-and-roles). */
export const ROLES = ['owner', 'admin', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

const RANK: Record<Role, number> = { owner: 3, admin: 2, reviewer: 1, viewer: 0 };
export const hasRole = (actual: Role, required: Role) => RANK[actual] >= RANK[required];

/**
 * What each role may do to the workspace itself through better-auth's organization endpoints
 * (invitations, member roles). Owners and admins manage members; better-auth itself keeps the
 * owner role to owners. Reviewers and viewers manage nothing there.
 */
export const organizationRoles = { owner: ownerAc, admin: adminAc, reviewer: memberAc, viewer: memberAc };
