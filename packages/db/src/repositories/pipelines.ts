import {
  type DomainError,
  type EvaluationStage,
  type EvaluationTemplate,
  notFound,
  staleTemplateVersion,
} from '@stageflow/domain';
import { type Db, writeTx } from '../client.ts';
import type { createStageRepository } from './stages.ts';
import type { createTemplateRepository } from './templates.ts';

export interface Pipeline {
  readonly template: EvaluationTemplate;
  /** Every stage, live ones first in order, then archived ones. */
  readonly stages: readonly EvaluationStage[];
}

export type PipelineChange = (pipeline: Pipeline) => readonly EvaluationStage[] | DomainError;

const sameStage = (a: EvaluationStage, b: EvaluationStage) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The one unit of work for every change to a template's stages: load the pipeline, let a pure
 * domain function compute the next stages, write only what changed, bump the template's version.
 * One synchronous `immediate` transaction, so concurrent editors serialize and a stale
 * `expected_version` is refused before anything is written.
 */
export function createPipelineRepository(
  db: Db,
  templates: ReturnType<typeof createTemplateRepository>,
  stages: ReturnType<typeof createStageRepository>,
) {
  const load = (workspaceId: string, templateId: string): Pipeline | undefined => {
    const template = templates.byId(workspaceId, templateId);
    return template && { template, stages: stages.allOfTemplate(workspaceId, templateId) };
  };

  return {
    load,
    change(
      workspaceId: string,
      templateId: string,
      expectedVersion: number | undefined,
      now: string,
      change: PipelineChange,
    ): Pipeline | DomainError {
      return writeTx(db, (tx) => {
        const before = load(workspaceId, templateId);
        if (!before) return notFound('Evaluation template', templateId);
        if (expectedVersion !== undefined && expectedVersion !== before.template.version) {
          return staleTemplateVersion(templateId, before.template.version, expectedVersion);
        }
        const next = change(before);
        if (next instanceof Error) return next;

        const previous = new Map(before.stages.map((s) => [s.id, s]));
        const kept = new Set<string>();
        for (const stage of next) {
          kept.add(stage.id);
          const old = previous.get(stage.id);
          if (!old) stages.insert(tx, workspaceId, { ...stage, created_at: now, updated_at: now });
          else if (!sameStage(old, stage)) stages.update(tx, workspaceId, { ...stage, updated_at: now });
        }
        for (const id of previous.keys()) if (!kept.has(id)) stages.delete(tx, workspaceId, id);

        const template = { ...before.template, version: before.template.version + 1, updated_at: now };
        templates.update(tx, workspaceId, template);
        return { template, stages: stages.allOfTemplate(workspaceId, templateId) };
      });
    },
  };
}
