import type { EvaluationStage } from '@stageflow/domain';
import type { Db, Tx } from '../client.ts';
import type { Pipeline } from '../storage/port.ts';
import type { createStageRepository } from './stages.ts';
import type { createTemplateRepository } from './templates.ts';

const sameStage = (a: EvaluationStage, b: EvaluationStage) => JSON.stringify(a) === JSON.stringify(b);

/** One stage row to write for a pipeline change. */
export type StageWrite =
  | { readonly op: 'insert'; readonly stage: EvaluationStage }
  | { readonly op: 'update'; readonly stage: EvaluationStage }
  | { readonly op: 'delete'; readonly id: string };

/**
 * The stage rows a change from `before` (null for a new template) to `next` touches, in the order to write
 * them: the added and changed ones in pipeline order, then the dropped ones. Either engine's `store` writes these.
 */
export function stageWrites(before: Pipeline | null, next: Pipeline): StageWrite[] {
  const previous = new Map((before?.stages ?? []).map((s) => [s.id, s]));
  const kept = new Set<string>();
  const writes: StageWrite[] = [];
  for (const stage of next.stages) {
    kept.add(stage.id);
    const old = previous.get(stage.id);
    if (!old) writes.push({ op: 'insert', stage });
    else if (!sameStage(old, stage)) writes.push({ op: 'update', stage });
  }
  for (const id of previous.keys()) if (!kept.has(id)) writes.push({ op: 'delete', id });
  return writes;
}

/** A template with all its stages, loaded together; and the writer of the rows a change touched. */
export function createPipelineRepository(
  _db: Db,
  templates: ReturnType<typeof createTemplateRepository>,
  stages: ReturnType<typeof createStageRepository>,
) {
  /** The template and its stages (kept between reads at its version: stage-cache.ts). */
  const load = (workspaceId: string, templateId: string): Pipeline | undefined => {
    const template = templates.byId(workspaceId, templateId);
    const kept = template && stages.ofTemplate(workspaceId, templateId, template.version);
    return template && kept && { template, stages: kept.all };
  };

  /**
   * Writes `next` over `before` (null for a new template): the template row, and only the stages
   * that were added, changed or dropped. Call inside the change's transaction.
   */
  function store(tx: Tx, workspaceId: string, before: Pipeline | null, next: Pipeline): void {
    if (before) templates.update(tx, workspaceId, next.template);
    else templates.insert(tx, workspaceId, next.template);
    const writes = stageWrites(before, next);
    for (const w of writes) {
      if (w.op === 'insert') stages.insert(tx, workspaceId, w.stage);
      else if (w.op === 'update') stages.update(tx, workspaceId, w.stage);
      else stages.delete(tx, workspaceId, w.id);
    }
    if (writes.length > 0) stages.changing(workspaceId, next.template.id);
  }

  return { load, store };
}
