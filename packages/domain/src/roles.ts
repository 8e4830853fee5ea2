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

/** Where an account stands in a workspace it is given a role in: its role there (null: none), and the owners. */
export interface Membership {
  readonly role: string | null;
  /** How many owners the workspace has. */
  readonly owners: number;
}

/** What giving an account a role decided: added as a member, its role changed, nothing to do, or refused. */
export type RoleAssignment =
  | { readonly outcome: 'added'; readonly role: Role }
  | { readonly outcome: 'changed'; readonly role: Role; readonly was: string }
  | { readonly outcome: 'unchanged'; readonly role: Role }
  | { readonly outcome: 'only_owner' };

/** A workspace keeps an owner: its only owner is given no other role until another account is an owner too. */
export const isOnlyOwner = (membership: Membership) => membership.role === 'owner' && membership.owners <= 1;

/**
 * Gives an account a role in a workspace (the operators' `member set-role`): a member's role changes, an account
 * that is not a member is added with it, and the only owner is refused (`isOnlyOwner`), so the workspace keeps one.
 */
export function assignRole(membership: Membership, role: Role): RoleAssignment {
  if (membership.role === role) return { outcome: 'unchanged', role };
  if (isOnlyOwner(membership)) return { outcome: 'only_owner' };
  if (membership.role === null) return { outcome: 'added', role };
  return { outcome: 'changed', role, was: membership.role };
}
