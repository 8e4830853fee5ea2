import type { Writes } from '../../reads.ts';
import { stageWrites } from '../../repositories/pipelines.ts';
import type { Pipeline } from '../../storage/port.ts';
import type { PgExec } from '../client.ts';
import type { PgStageCache } from '../stage-cache.ts';
import { createPgStageWrites } from './stages.ts';
import { createPgTemplateWrites } from './templates.ts';

/**
 * Stores a pipeline change on PostgreSQL as SQLite does: the template row (its version as the change set it),
 * then only the stages added, changed or dropped (`stageWrites`, shared with SQLite), in the same order.
 */
export function createPgPipelineWrites(tx: PgExec, cache?: PgStageCache) {
  const templates = createPgTemplateWrites(tx, cache);
  const stages = createPgStageWrites(tx, cache);
  return {
    async store(workspaceId: string, before: Pipeline | null, next: Pipeline): Promise<void> {
      if (before) await templates.update(workspaceId, next.template);
      else await templates.insert(workspaceId, next.template);
      for (const w of stageWrites(before, next)) {
        if (w.op === 'insert') await stages.insert(workspaceId, w.stage);
        else if (w.op === 'update') await stages.update(workspaceId, w.stage);
        else await stages.delete(workspaceId, w.id);
      }
    },
  } satisfies Writes['pipelines'];
}
