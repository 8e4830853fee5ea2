import { readServerError } from './server-errors.ts';

/** better-auth says "organization" where Stageflow says "workspace". */
export const inOurWords = (message: string) =>
  message.replace(/organization/g, 'workspace').replace(/Organization/g, 'Workspace');

export interface PlacedAuthError {
  /** The form field the error is about, when the form has it; otherwise the form shows it on top. */
  field: string | undefined;
  message: string;
}

/** Which field a better-auth error code is about. Checked in order: the first match wins. */
const FIELD_BY_CODE: ReadonlyArray<[pattern: RegExp, field: string | undefined]> = [
  // Saying which of the two was wrong would tell a stranger which addresses have accounts.
  [/^INVALID_EMAIL_OR_PASSWORD$/, undefined],
  [/PASSWORD/, 'password'],
  [/EMAIL|USER_ALREADY_EXISTS|ALREADY_A_MEMBER|ALREADY_INVITED/, 'email'],
  [/SLUG|ORGANIZATION_ALREADY_EXISTS/, 'slug'],
  [/ROLE/, 'role'],
];

/**
 * Where a refused better-auth call belongs in a form: beside the field it names (by its validation
 * message "[body.email] Invalid email address", by the server's own rules' "name: Too big: …", or by
 * its error code), else on the form itself.
 */
export function placeAuthError(error: unknown, fields: readonly string[]): PlacedAuthError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  let message = inOurWords(readServerError(error).message);
  let field: string | undefined;
  const validation = /^\[body\.([\w.]+)\]\s*(.+)$/.exec(message);
  const named = /^(\w+): (.+)$/.exec(message);
  if (validation) {
    field = validation[1];
    message = validation[2] ?? message;
  } else if (named?.[1] && fields.includes(named[1])) {
    field = named[1];
    message = named[2] ?? message;
  } else if (typeof code === 'string') {
    field = FIELD_BY_CODE.find(([pattern]) => pattern.test(code))?.[1];
  }
  return { field: field !== undefined && fields.includes(field) ? field : undefined, message };
}
