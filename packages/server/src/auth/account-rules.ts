/**
 * better-auth stores accounts and workspaces, so its endpoints are held here to the domain's rules for
 * them (docs/entities.md#workspace, docs/entities.md#members-and-roles): a user's name and picture, a
 * workspace's name, slug and logo on create and on every update, and every new password. A refusal is
 * better-auth's 400 whose message names the field, in the same words as everywhere else (docs/errors.md).
 */
import {
  passwordProblem,
  UserProfile,
  UserProfileUpdate,
  WorkspaceDetails,
  WorkspaceDetailsUpdate,
} from '@stageflow/domain';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import type { z } from 'zod';
import { describeIssues, fieldIssues } from '../errors.ts';

/** Error codes of these refusals: the web app places them beside the field their message names. */
export const ACCOUNT_RULE_CODES = {
  user: 'INVALID_USER_DETAILS',
  workspace: 'INVALID_WORKSPACE_DETAILS',
  password: 'PASSWORD_NOT_ACCEPTED',
} as const;

function check(schema: z.ZodType, values: unknown, code: string): void {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new APIError('BAD_REQUEST', { message: describeIssues(fieldIssues(parsed.error) ?? []), code });
  }
}

interface UserFields {
  readonly name?: unknown;
  readonly image?: unknown;
}
interface WorkspaceFields {
  readonly name?: unknown;
  readonly slug?: unknown;
  readonly logo?: unknown;
}

/**
 * Database hooks on the user model: every way better-auth creates or updates a user (sign-up,
 * update-user, the CLI's `user create`) passes through them.
 */
export const userRules = {
  create: async (user: UserFields) => {
    check(UserProfile, { name: user.name, image: user.image }, ACCOUNT_RULE_CODES.user);
  },
  update: async (user: UserFields) => {
    check(UserProfileUpdate, { name: user.name, image: user.image }, ACCOUNT_RULE_CODES.user);
  },
};

/** The organization plugin's hooks: `organization/create` and `organization/update`. */
export const workspaceRules = {
  create: async (workspace: WorkspaceFields) => {
    check(
      WorkspaceDetails,
      { name: workspace.name, slug: workspace.slug, logo: workspace.logo },
      ACCOUNT_RULE_CODES.workspace,
    );
  },
  update: async (workspace: WorkspaceFields) => {
    check(
      WorkspaceDetailsUpdate,
      { name: workspace.name, slug: workspace.slug, logo: workspace.logo },
      ACCOUNT_RULE_CODES.workspace,
    );
  },
};

/**
 * Before any endpoint that sets a password: sign-up's `password`, and `newPassword` wherever it is sent
 * (change-password, reset-password, set-password). Signing in is not checked: an existing password
 * keeps working. Runs before better-auth's own checks, so its length refusal says it in our words.
 */
export const passwordRules = createAuthMiddleware(async (ctx) => {
  const body: unknown = ctx.body;
  if (typeof body !== 'object' || body === null) return;
  const field = ctx.path === '/sign-up/email' ? 'password' : 'newPassword';
  const password = (body as Record<string, unknown>)[field];
  if (typeof password !== 'string') return; // missing or not text: better-auth's own validation says so
  const problem = passwordProblem(password);
  if (problem)
    throw new APIError('BAD_REQUEST', { message: `${field}: ${problem}`, code: ACCOUNT_RULE_CODES.password });
});
