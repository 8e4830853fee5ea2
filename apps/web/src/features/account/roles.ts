import type { RouterOutputs } from '../../app/trpc.ts';

/** A member's role in a workspace, as the server names them (docs/entities.md#members-and-roles). */
export type Role = NonNullable<RouterOutputs['account']['me']['role']>;

/** Most powerful first, as pickers list them. */
export const ROLES: readonly Role[] = ['owner', 'admin', 'reviewer', 'viewer'];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  reviewer: 'Reviewer',
  viewer: 'Viewer',
};

export const ROLE_HELP: Record<Role, string> = {
  owner: 'Everything, including members, ownership and API keys.',
  admin: 'Everything but ownership: builds pipelines, manages participants and members.',
  reviewer: 'Reads everything, records results and decides open decisions.',
  viewer: 'Reads everything, changes nothing.',
};

const RANK: Record<Role, number> = { owner: 3, admin: 2, reviewer: 1, viewer: 0 };

export const isRole = (value: unknown): value is Role => typeof value === 'string' && value in RANK;

/** Whether `role` carries what `required` does. The server decides; this only hides what would be refused. */
export const atLeast = (role: Role | null | undefined, required: Role) => role != null && RANK[role] >= RANK[required];

/** Roles `role` may hand out: owners any, admins any but owner (better-auth keeps ownership to owners). */
export const assignableRoles = (role: Role | null | undefined): readonly Role[] =>
  role === 'owner' ? ROLES : role === 'admin' ? ROLES.filter((r) => r !== 'owner') : [];

/** A role read from the server, named for people. */
export const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);
