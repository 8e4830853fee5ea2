import { conflict, DomainError } from './errors.ts';

/**
 * The CONFLICT errors for facts only the store can check: a value another record already holds,
 * or a version someone else has moved on. The store says whether it is so; the wording is here,
 * so every caller refuses the same way.
 */

/** Emails are unique per evaluation template; the template reads better by name than by id. */
export function emailAlreadyEnrolled(email: string, template: { id: string; name?: string | undefined }): DomainError {
  const where = template.name ? `“${template.name}”` : template.id;
  return new DomainError('CONFLICT', `A participant with email ${email} is already in evaluation template ${where}`, [
    { path: ['email'], message: `${email} is already used by another participant in this evaluation template` },
  ]);
}

/** Live template names are unique in a workspace (docs/rules.md#template-names). */
export function templateNameTaken(name: string): DomainError {
  return new DomainError('CONFLICT', `Another evaluation template is already called “${name}”`, [
    { path: ['template_name'], message: `Another template is already called “${name}”: pick another name` },
  ]);
}

/** Workspace slugs are unique across the server: scripts and the CLI name a workspace by it. */
export function workspaceSlugTaken(slug: string): DomainError {
  return new DomainError('CONFLICT', `A workspace with the slug "${slug}" already exists`, [
    { path: ['slug'], message: `"${slug}" is already used by another workspace` },
  ]);
}

/** A change to a template's stages made against a version that is no longer the current one. */
export function staleTemplateVersion(
  template: { template_name: string },
  current: number,
  expected: number,
): DomainError {
  return conflict(
    `Evaluation template “${template.template_name}” was changed by someone else (now version ${current}, you edited version ${expected}): reload and try again`,
  );
}
