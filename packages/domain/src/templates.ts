import type { z } from 'zod';
import { badInput, type DomainError } from './errors.ts';
import { applyPatch } from './patch.ts';
import {
  type CreateTemplateInput,
  customLabelsIssue,
  defaultSuccessOutcome,
  type EvaluationTemplate,
  type UpdateTemplateInput,
} from './schemas/template.ts';

type Created = z.output<typeof CreateTemplateInput>;
type Patch = Omit<z.output<typeof UpdateTemplateInput>, 'id'>;

/** A new template from a parsed create input; `success_outcome` follows the use case when omitted. */
export function newTemplate(input: Created, id: string, now: string): EvaluationTemplate {
  return {
    ...input,
    id,
    success_outcome: input.success_outcome ?? defaultSuccessOutcome(input.use_case),
    version: 0,
    created_at: now,
    updated_at: now,
  };
}

/** Applies an update; the merged template must still carry labels when its outcome is custom. */
export function updateTemplate(
  template: EvaluationTemplate,
  patch: Patch,
  now: string,
): EvaluationTemplate | DomainError {
  const next = { ...applyPatch(template, patch), updated_at: now };
  const issue = customLabelsIssue(next);
  return issue ? badInput(issue.path, issue.message) : next;
}

/** A draft copy under a new id; the caller copies the live stages with new ids too. */
export function duplicateTemplate(
  template: EvaluationTemplate,
  id: string,
  now: string,
  name = `${template.template_name} (copy)`,
): EvaluationTemplate {
  return { ...template, id, template_name: name, status: 'draft', version: 0, created_at: now, updated_at: now };
}
