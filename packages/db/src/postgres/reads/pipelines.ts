import type { Reads } from '../../reads.ts';
import type { Pipeline } from '../../storage/port.ts';
import type { PgExec } from '../client.ts';
import { createPgStageReads } from './stages.ts';
import { createPgTemplateReads } from './templates.ts';

/**
 * A template with all its stages, on PostgreSQL. In a write transaction (`inWrite`) the template's row is
 * locked (`FOR UPDATE`) first: a pipeline change stores after this load, and every change to the template's
 * stages updates the template row too, so two changes never apply on the same stale pipeline.
 */
export function createPgPipelineReads(db: PgExec, options: { inWrite?: boolean } = {}) {
  const templates = createPgTemplateReads(db, options);
  const stages = createPgStageReads(db);
  return {
    async load(workspaceId: string, templateId: string): Promise<Pipeline | undefined> {
      const template = await templates.byId(workspaceId, templateId);
      return template && { template, stages: await stages.allOfTemplate(workspaceId, templateId) };
    },
  } satisfies Reads['pipelines'];
}
