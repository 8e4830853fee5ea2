import type { EvaluationStage } from '@stageflow/domain';
import type { Db, Tx } from '../client.ts';
import type { Pipeline } from '../storage/port.ts';
import type { createStageRepository } from './stages.ts';
import type { createTemplateRepository } from './templates.ts';

const sameStage = (a: EvaluationStage, b: EvaluationStage) => JSON.stringify(a) === JSON.stringify(b);

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
    const previous = new Map((before?.stages ?? []).map((s) => [s.id, s]));
    const kept = new Set<string>();
    let changed = false;
    for (const stage of next.stages) {
      kept.add(stage.id);
      const old = previous.get(stage.id);
      if (!old) stages.insert(tx, workspaceId, stage);
      else if (!sameStage(old, stage)) stages.update(tx, workspaceId, stage);
      else continue;
      changed = true;
    }
    for (const id of previous.keys()) {
      if (kept.has(id)) continue;
      stages.delete(tx, workspaceId, id);
      changed = true;
    }
    if (changed) stages.changing(workspaceId, next.template.id);
  }

  return { load, store };
}
