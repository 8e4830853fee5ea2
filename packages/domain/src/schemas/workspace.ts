import { z } from 'zod';
import { OptionalHttpsUrl, Text, text } from './common.ts';

/** Lowercase letters, digits and single hyphens: safe in URLs and the CLI. */
export const WorkspaceSlug = Text.trim()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens, e.g. "acme-hiring"');

export const WORKSPACE_NAME_MAX_LENGTH = 120;
export const WorkspaceName = text(WORKSPACE_NAME_MAX_LENGTH);

/** A workspace's logo: an https address, or none. */
export const WorkspaceLogo = OptionalHttpsUrl;

export const CreateWorkspaceInput = z.strictObject({ name: WorkspaceName, slug: WorkspaceSlug });
export type CreateWorkspaceInput = z.input<typeof CreateWorkspaceInput>;

/**
 * What creating or updating a workspace may set, however it arrives (better-auth's organization
 * endpoints, the CLI): the same rules on create and on every update (docs/entities.md#workspace).
 */
export const WorkspaceDetails = z.object({ name: WorkspaceName, slug: WorkspaceSlug, logo: WorkspaceLogo });
export const WorkspaceDetailsUpdate = WorkspaceDetails.partial();
