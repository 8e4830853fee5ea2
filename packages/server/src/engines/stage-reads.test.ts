import { createPgStageCache, createPgStageReads } from '@stageflow/db/postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable, rowsOnBoth } from '../testing-engines.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable)('stage reads on PostgreSQL answer as on SQLite', () => {
  let both: BothEngines;
  let pg: ReturnType<typeof createPgStageReads>;
  let templateIds: string[];

  beforeAll(async () => {
    both = await demoOnBothEngines();
    pg = createPgStageReads(both.pg);
    templateIds = both.repos.templates.list(both.workspaceId, { status: 'all' }).map((t) => t.id);
  }, 60_000);
  afterAll(() => both?.stop());

  test('every stage of each template, archived last, and the live ones of several at once', async () => {
    expect(templateIds.length).toBeGreaterThan(1);
    for (const id of templateIds) {
      const stages = both.repos.stages.allOfTemplate(both.workspaceId, id);
      expect(stages.length).toBeGreaterThan(0);
      expect(await pg.allOfTemplate(both.workspaceId, id)).toEqual(stages);
      const atVersion = both.repos.stages.ofTemplate(both.workspaceId, id);
      expect(await pg.ofTemplate(both.workspaceId, id)).toEqual({ ...atVersion });
    }
    expect(await pg.liveOfTemplates(both.workspaceId, templateIds)).toEqual(
      both.repos.stages.liveOfTemplates(both.workspaceId, templateIds),
    );
  });

  test('kept in the stage cache, they answer the same, filled once', async () => {
    const cached = createPgStageReads(both.pg, createPgStageCache());
    for (const id of templateIds) {
      const atVersion = both.repos.stages.ofTemplate(both.workspaceId, id);
      const first = await cached.ofTemplate(both.workspaceId, id);
      expect(first).toEqual({ ...atVersion });
      expect(await cached.ofTemplate(both.workspaceId, id)).toBe(first);
      expect(await cached.ofTemplate(both.workspaceId, id, atVersion?.version)).toBe(first);
    }
    expect(await cached.ofTemplate(both.otherWorkspaceId, templateIds[0]!)).toBeUndefined();
  });

  test('the copy holds every stage row as SQLite does', async () => {
    const { sqlite, pg } = await rowsOnBoth(both.sqliteDb, both.pg, 'evaluationStages');
    expect(sqlite.length).toBeGreaterThan(3);
    expect(pg).toEqual(sqlite);
  });

  test('one stage by id, and nothing of another workspace', async () => {
    const [stage] = both.repos.stages.allOfTemplate(both.workspaceId, templateIds[0]!);
    expect(await pg.byId(both.workspaceId, stage!.id)).toEqual(stage);
    expect(await pg.byId(both.otherWorkspaceId, stage!.id)).toBeUndefined();
    expect(await pg.ofTemplate(both.otherWorkspaceId, templateIds[0]!)).toBeUndefined();
    expect(await pg.liveOfTemplates(both.otherWorkspaceId, templateIds)).toEqual([]);
  });
});
