import {
  Password,
  ROLES,
  USER_NAME_MAX_LENGTH,
  UserName,
  WORKSPACE_NAME_MAX_LENGTH,
  WorkspaceName,
  WorkspaceSlug,
} from '@stageflow/domain';
import { z } from 'zod';

/*
 * Accounts and workspaces are stored by better-auth, whose endpoints the server holds to the domain's
 * rules (packages/server/src/auth/account-rules.ts). These forms use the same rules, so the browser
 * refuses what the server would: friendlier words for the everyday mistakes first, then the domain
 * schema itself for everything else (NUL characters, common passwords).
 */

const Email = z.string().trim().toLowerCase().max(254).pipe(z.email('Enter an email address like ada@example.com'));

export const SignInValues = z.object({
  email: Email,
  password: z.string().min(1, 'Enter your password'),
});
export type SignInValues = z.infer<typeof SignInValues>;

export const SignUpValues = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter your name')
    .max(USER_NAME_MAX_LENGTH, `At most ${USER_NAME_MAX_LENGTH} characters`)
    .pipe(UserName),
  email: Email,
  password: Password,
});
export type SignUpValues = z.infer<typeof SignUpValues>;

export const WorkspaceValues = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the workspace')
    .max(WORKSPACE_NAME_MAX_LENGTH, `At most ${WORKSPACE_NAME_MAX_LENGTH} characters`)
    .pipe(WorkspaceName),
  slug: z
    .string()
    .min(2, 'At least 2 characters')
    .max(48, 'At most 48 characters')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lowercase letters, digits and single hyphens, like acme-hiring')
    .pipe(WorkspaceSlug),
});
export type WorkspaceValues = z.infer<typeof WorkspaceValues>;

/** "Acme Hiring (EU)" → "acme-hiring-eu": a slug offered while the name is typed. */
export const slugify = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');

export const InviteValues = z.object({
  email: Email,
  role: z.enum(ROLES, 'Choose a role'),
});
export type InviteValues = z.infer<typeof InviteValues>;
