import { DomainError } from '../errors.ts';

/** An email is unique within a template: the refusal names the template, and the field beside the form. */
export const emailInUse = (email: string, templateName: string) =>
  new DomainError('CONFLICT', `A participant with email ${email} is already in evaluation template “${templateName}”`, [
    { path: ['email'], message: `${email} is already used by another participant in this evaluation template` },
  ]);
