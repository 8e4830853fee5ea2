import { type DomainError, isDomainError, notFound } from '../errors.ts';
import { moveStage, type OrderedStage } from './ordering.ts';
import { applyStagePatch, type StagePatch, type StageSettings } from './stage-settings.ts';

/** An edit to one stage: its settings, and a new place in the order when `to` is given. */
export function editStage<T extends OrderedStage & StageSettings>(
  stages: readonly T[],
  id: string,
  patch: StagePatch,
  to?: number,
): T[] | DomainError {
  const current = stages.find((s) => s.id === id);
  if (!current) return notFound('Evaluation stage', id);
  const edited = applyStagePatch(current, patch);
  if (isDomainError(edited)) return edited;
  const next = stages.map((s) => (s.id === id ? edited : s));
  return to === undefined ? next : moveStage(next, id, to);
}
