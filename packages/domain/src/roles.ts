/**
 * A member's role in a workspace, most powerful first: each role carries everything the ones after
 * it do, so the order is the rank. Who may do what with a role is the server's (scopes and
 * better-auth's access control); the web only mirrors it to hide what would be refused.
 */
export const ROLES = ['owner', 'admin', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Whether `actual` carries what `required` does: it is the same role or comes before it. */
export const hasRole = (actual: Role, required: Role) => ROLES.indexOf(actual) <= ROLES.indexOf(required);
