import type { z } from 'zod';
import { templateNameTaken } from './conflicts.ts';
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
  name: string,
): EvaluationTemplate {
  return { ...template, id, template_name: name, status: 'draft', version: 0, created_at: now, updated_at: now };
}

/** What the name rule reads of a template. */
export type NamedTemplate = Pick<EvaluationTemplate, 'id' | 'template_name' | 'status'>;

/** Names compare without case, accents or extra spaces: "Backend  engineer" is "Backend Engineer". */
const nameKey = (name: string) =>
  name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export const sameTemplateName = (a: string, b: string) => nameKey(a) === nameKey(b);

/**
 * Template names are unique among live (draft and active) templates of a workspace
 * (docs/rules.md#template-names): a template that is or becomes live may not take a name another live
 * template has. `before` is the template as it was, for an edit: keeping its name (or staying
 * archived) is never refused, so templates named alike before the rule can still be edited.
 */
export function templateNameIssue(
  next: NamedTemplate,
  others: readonly NamedTemplate[],
  before?: NamedTemplate,
): DomainError | undefined {
  if (next.status === 'archived') return undefined;
  const unchanged =
    before && before.status !== 'archived' && sameTemplateName(before.template_name, next.template_name);
  if (unchanged) return undefined;
  const taken = others.some(
    (o) => o.id !== next.id && o.status !== 'archived' && sameTemplateName(o.template_name, next.template_name),
  );
  return taken ? templateNameTaken(next.template_name) : undefined;
}

/** A copy's name when none is given: "X (copy)", else "X (copy 2)", "X (copy 3)"… whichever is free. */
export function copyName(name: string, others: readonly NamedTemplate[]): string {
  const live = others.filter((o) => o.status !== 'archived');
  for (let n = 1; ; n++) {
    const suffix = ` (copy${n === 1 ? '' : ` ${n}`})`;
    // Within the name's 200 characters (schemas/template.ts), the original name giving way.
    const candidate = `${name.slice(0, 200 - suffix.length)}${suffix}`;
    if (!live.some((o) => sameTemplateName(o.template_name, candidate))) return candidate;
  }
}
