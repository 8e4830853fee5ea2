import { ROLES } from '@stageflow/domain';
import { z } from 'zod';

/*
 * Accounts and workspaces belong to better-auth, which validates on the server; there are no domain
 * schemas for them. These say the same in the browser (lengths as packages/server/src/auth/better-auth.ts
 * sets them), so most mistakes are caught before a request.
 */

const Email = z.string().trim().toLowerCase().max(254).pipe(z.email('Enter an email address like ada@example.com'));

export const SignInValues = z.object({
  email: Email,
  password: z.string().min(1, 'Enter your password'),
});
export type SignInValues = z.infer<typeof SignInValues>;

export const SignUpValues = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(120, 'At most 120 characters'),
  email: Email,
  password: z.string().min(10, 'At least 10 characters').max(128, 'At most 128 characters'),
});
export type SignUpValues = z.infer<typeof SignUpValues>;

export const WorkspaceValues = z.object({
  name: z.string().trim().min(1, 'Name the workspace').max(80, 'At most 80 characters'),
  slug: z
    .string()
    .min(2, 'At least 2 characters')
    .max(48, 'At most 48 characters')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lowercase letters, digits and single hyphens, like acme-hiring'),
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
