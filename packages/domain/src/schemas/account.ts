import { z } from 'zod';
import { OptionalHttpsUrl, text } from './common.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/*
 * A person's account as better-auth stores it (docs/entities.md#members-and-roles). better-auth owns
 * the tables; these are the rules every endpoint that writes them is held to (the server's auth hooks,
 * the CLI through the same hooks, and the web app's forms).
 */

export const USER_NAME_MAX_LENGTH = 120;
export const UserName = text(USER_NAME_MAX_LENGTH);

/** A profile picture: an https address, or none. */
export const UserImage = OptionalHttpsUrl;

/** What sign-up and update-user may set on a user; an update sends only what changes. */
export const UserProfile = z.object({ name: UserName, image: UserImage });
export const UserProfileUpdate = UserProfile.partial();

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
const commonPasswords: ReadonlySet<string> = new Set(COMMON_PASSWORDS);

/** Why a new password is refused, or undefined when it is acceptable. Not trimmed: spaces count. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `too short: use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `too long: use at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim() === '') return 'must not be only spaces';
  if (password.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (commonPasswords.has(password.toLowerCase())) return 'is one of the most common passwords: choose another';
  return undefined;
}

/**
 * A new password (sign-up, change, reset): 10–128 characters, not all whitespace, no NUL, and not one
 * of the most common passwords. Signing in with an existing password is not held to this.
 */
export const Password = z.string().check((ctx) => {
  const problem = passwordProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
});
