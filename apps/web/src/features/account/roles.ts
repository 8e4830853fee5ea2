import { hasRole, isRole, ROLES, type Role } from '@stageflow/domain';

/** The roles, most powerful first (as pickers list them), and their rank are the domain's. */
export { isRole, ROLES, type Role };

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

/** Whether `role` carries what `required` does. The server decides; this only hides what would be refused. */
export const atLeast = (role: Role | null | undefined, required: Role) => role != null && hasRole(role, required);

/** Roles `role` may hand out: owners any, admins any but owner (better-auth keeps ownership to owners). */
export const assignableRoles = (role: Role | null | undefined): readonly Role[] =>
  role === 'owner' ? ROLES : role === 'admin' ? ROLES.filter((r) => r !== 'owner') : [];

/** A role read from the server, named for people. */
export const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);
