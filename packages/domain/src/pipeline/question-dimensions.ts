import { DomainError, type FieldIssue } from '../errors.ts';
import type { AgentProfile } from '../schemas/agent-profile.ts';
import type { Question } from '../schemas/question-set.ts';

/** What the check reads of the stage's interviewer; a whole `AgentProfile` fits. */
export type DimensionSource = Pick<AgentProfile, 'name'> & {
  readonly evaluation_dimensions: readonly { readonly name: string }[];
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A question's `dimension` must be one of the stage's interviewer's dimension names (compared as
 * scoring compares them: ignoring case and surrounding spaces). The caller loads the interviewer the
 * stage will have after the change (`undefined` when it has none), so the check runs wherever a
 * stage's questions or interviewer change: create, update, import. Every problem is reported at
 * once, each at `[...at, 'question_set', i, 'dimension']`.
 */
export function checkQuestionDimensions(
  questions: readonly Pick<Question, 'dimension'>[] | undefined,
  interviewer: DimensionSource | undefined,
  at: readonly (string | number)[] = [],
): DomainError | undefined {
  const issues: FieldIssue[] = [];
  (questions ?? []).forEach((q, i) => {
    if (!q.dimension) return;
    const path = [...at, 'question_set', i, 'dimension'];
    if (!interviewer) {
      issues.push({ path, message: 'this stage has no interviewer, so a question cannot name a dimension' });
    } else if (!interviewer.evaluation_dimensions.some((d) => same(d.name, q.dimension ?? ''))) {
      const names = interviewer.evaluation_dimensions.map((d) => d.name).join(', ');
      issues.push({
        path,
        message: `"${q.dimension}" is not a dimension of ${interviewer.name}; use one of: ${names}`,
      });
    }
  });
  if (issues.length === 0) return undefined;
  return new DomainError('BAD_REQUEST', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), issues);
}
