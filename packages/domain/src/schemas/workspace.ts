import { z } from 'zod';
import { text } from './common.ts';

/** Lowercase letters, digits and single hyphens: safe in URLs and the CLI. */
export const WorkspaceSlug = z
  .string()
  .trim()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens, e.g. "acme-hiring"');

export const CreateWorkspaceInput = z.strictObject({ name: text(120), slug: WorkspaceSlug });
export type CreateWorkspaceInput = z.input<typeof CreateWorkspaceInput>;
