import { type Pipeline, writeTx } from '@stageflow/db';
import {
  createPgAgentProfileReads,
  createPgAgentProfileWrites,
  createPgPipelineReads,
  createPgPipelineWrites,
  createPgStageWrites,
  createPgTemplateReads,
  createPgTemplateWrites,
} from '@stageflow/db/postgres';
import type { AgentProfile, EvaluationStage, EvaluationTemplate } from '@stageflow/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable, rowsOnBoth } from '../testing-engines.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

const LATER = '2026-12-01T09:30:00.000Z';

/**
 * A template list with the templates changed in the same millisecond by id: SQLite lists those in the order its
 * plan reads them (the demo's two templates share one instant), PostgreSQL by id. Newest change first on both.
 */
const tiesById = (list: readonly EvaluationTemplate[]) =>
  [...list].sort((a, b) =>
    a.updated_at !== b.updated_at ? (a.updated_at < b.updated_at ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );

describe.skipIf(unavailable)(
  'templates, pipelines and interviewers on PostgreSQL answer and store as on SQLite',
  () => {
    let both: BothEngines;
    let templateIds: string[];
    const pg = () => ({
      templates: createPgTemplateReads(both.pg),
      pipelines: createPgPipelineReads(both.pg),
      agentProfiles: createPgAgentProfileReads(both.pg),
    });
    /** The same write on both engines: SQLite's repository in its transaction, PostgreSQL's writes in one. */
    const onBoth = async (
      sqlite: (tx: Parameters<Parameters<typeof writeTx>[1]>[0]) => void,
      onPg: (tx: Parameters<Parameters<BothEngines['pg']['transaction']>[0]>[0]) => Promise<void>,
    ) => {
      writeTx(both.sqliteDb, sqlite);
      await both.pg.transaction(onPg);
    };
    const expectSameRows = async (table: 'evaluationTemplates' | 'evaluationStages' | 'agentProfiles') => {
      const rows = await rowsOnBoth(both.sqliteDb, both.pg, table);
      expect(rows.sqlite.length).toBeGreaterThan(1);
      expect(rows.pg).toEqual(rows.sqlite);
    };

    beforeAll(async () => {
      both = await demoOnBothEngines();
      templateIds = both.repos.templates.list(both.workspaceId, { status: 'all' }).map((t) => t.id);
    }, 60_000);
    afterAll(() => both?.stop());

    test('templates: the list by status, the names, one by id; nothing of another workspace', async () => {
      const ws = both.workspaceId;
      expect(templateIds.length).toBeGreaterThan(1);
      for (const status of ['all', 'active', 'draft', 'archived'] as const) {
        const onPg = await pg().templates.list(ws, { status });
        expect(onPg).toEqual(tiesById(onPg));
        expect(onPg).toEqual(tiesById(both.repos.templates.list(ws, { status })));
        expect(await pg().templates.list(both.otherWorkspaceId, { status })).toEqual([]);
      }
      // The names are a set to the name rule: neither engine's query orders them.
      const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(await pg().templates.names(ws))).toEqual(byId(both.repos.templates.names(ws)));
      expect(await pg().templates.names(both.otherWorkspaceId)).toEqual([]);
      for (const id of templateIds) {
        expect(await pg().templates.byId(ws, id)).toEqual(both.repos.templates.byId(ws, id));
        expect(await pg().templates.byId(both.otherWorkspaceId, id)).toBeUndefined();
      }
    });

    test('pipelines: every template with all its stages; locked in a write, the same', async () => {
      const ws = both.workspaceId;
      for (const id of templateIds) {
        const sqlite = both.repos.pipelines.load(ws, id);
        expect(sqlite?.stages.length).toBeGreaterThan(0);
        expect(await pg().pipelines.load(ws, id)).toEqual(sqlite);
        expect(await both.pg.transaction((tx) => createPgPipelineReads(tx, { inWrite: true }).load(ws, id))).toEqual(
          sqlite,
        );
        expect(await pg().pipelines.load(both.otherWorkspaceId, id)).toBeUndefined();
      }
    });

    test('a pipeline loaded in a write holds its template until that write ends', async () => {
      const ws = both.workspaceId;
      const id = templateIds[0]!;
      let secondLoaded = false;
      let second: Promise<unknown> | undefined;
      await both.pg.transaction(async (tx) => {
        await createPgPipelineReads(tx, { inWrite: true }).load(ws, id);
        second = both.pg
          .transaction((other) => createPgPipelineReads(other, { inWrite: true }).load(ws, id))
          .then(() => {
            secondLoaded = true;
          });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(secondLoaded).toBe(false);
        // A read outside a write does not wait.
        expect(await pg().pipelines.load(ws, id)).toBeDefined();
      });
      await second;
      expect(secondLoaded).toBe(true);
    });

    test('interviewers: the list by status, one by id, which ids exist; nothing of another workspace', async () => {
      const ws = both.workspaceId;
      const all = both.repos.agentProfiles.list(ws, { status: 'all' });
      expect(all.length).toBeGreaterThan(1);
      for (const status of ['all', 'active', 'archived'] as const) {
        expect(await pg().agentProfiles.list(ws, { status })).toEqual(both.repos.agentProfiles.list(ws, { status }));
        expect(await pg().agentProfiles.list(both.otherWorkspaceId, { status })).toEqual([]);
      }
      for (const { id } of all) {
        expect(await pg().agentProfiles.byId(ws, id)).toEqual(both.repos.agentProfiles.byId(ws, id));
        expect(
          await both.pg.transaction((tx) => createPgAgentProfileReads(tx, { inWrite: true }).byId(ws, id)),
        ).toEqual(both.repos.agentProfiles.byId(ws, id));
        expect(await pg().agentProfiles.byId(both.otherWorkspaceId, id)).toBeUndefined();
      }
      const ids = [...all.map((p) => p.id), crypto.randomUUID()];
      const existing = both.repos.agentProfiles.existingIds(ws, ids);
      expect(existing.size).toBe(all.length);
      expect(await pg().agentProfiles.existingIds(ws, ids)).toEqual(existing);
      expect(await pg().agentProfiles.existingIds(ws, [])).toEqual(new Set());
      expect(await pg().agentProfiles.existingIds(both.otherWorkspaceId, ids)).toEqual(new Set());
    });

    test('template writes: inserts and an update leave the same rows', async () => {
      const ws = both.workspaceId;
      const model = both.repos.templates.byId(ws, templateIds[0]!)!;
      // Names that test the search: a literal % and _, letters in both cases, a letter outside ASCII.
      const named = (template_name: string, status: EvaluationTemplate['status']): EvaluationTemplate => ({
        ...model,
        id: crypto.randomUUID(),
        template_name,
        status,
        description: undefined,
        updated_at: LATER,
      });
      const added = [
        named('100% Remote_Team', 'draft'),
        named('100 Remote Team', 'active'),
        named('ÉCOLE senior', 'archived'),
        named('école Senior', 'draft'),
      ];
      for (const template of added) {
        await onBoth(
          (tx) => both.repos.templates.insert(tx, ws, template),
          (tx) => createPgTemplateWrites(tx).insert(ws, template),
        );
      }
      const renamed = { ...added[1]!, template_name: '100 remote team (renamed)', version: added[1]!.version + 1 };
      await onBoth(
        (tx) => both.repos.templates.update(tx, ws, renamed),
        (tx) => createPgTemplateWrites(tx).update(ws, renamed),
      );
      // An update naming another workspace changes nothing.
      const elsewhere = { ...renamed, template_name: 'Not here' };
      await onBoth(
        (tx) => both.repos.templates.update(tx, both.otherWorkspaceId, elsewhere),
        (tx) => createPgTemplateWrites(tx).update(both.otherWorkspaceId, elsewhere),
      );
      await expectSameRows('evaluationTemplates');
      expect(await pg().templates.byId(ws, renamed.id)).toEqual(renamed);
      expect(await pg().templates.list(both.otherWorkspaceId, { status: 'all' })).toEqual([]);
    });

    test('template search: case folds A-Z only, % and _ are literal, as on SQLite', async () => {
      const ws = both.workspaceId;
      const searches = ['%', '_', '100%', 'remote', 'REMOTE', 'senior', 'ÉCOLE', 'école', 'e_', '\\', 'no such'];
      for (const search of searches) {
        for (const status of ['all', 'draft'] as const) {
          const sqlite = both.repos.templates.list(ws, { status, search });
          expect(await pg().templates.list(ws, { status, search }), search).toEqual(tiesById(sqlite));
        }
      }
      expect(both.repos.templates.list(ws, { status: 'all', search: '%' }).map((t) => t.template_name)).toEqual([
        '100% Remote_Team',
      ]);
      expect(both.repos.templates.list(ws, { status: 'all', search: 'remote' })).toHaveLength(2);
      // SQLite's NOCASE folds ASCII letters only: É and é are different letters to it, and so to PostgreSQL here.
      expect(both.repos.templates.list(ws, { status: 'all', search: 'école' })).toHaveLength(1);
      expect(await pg().templates.list(both.otherWorkspaceId, { status: 'all', search: 'remote' })).toEqual([]);
    });

    test('stage writes and a pipeline change: the same rows, and the same pipeline loaded', async () => {
      const ws = both.workspaceId;
      const source = both.repos.pipelines.load(ws, templateIds[0]!)!;
      const templateId = crypto.randomUUID();
      const copyStage = (s: EvaluationStage, order: number | null): EvaluationStage => ({
        ...s,
        id: crypto.randomUUID(),
        evaluation_template_id: templateId,
        stage_order: order,
      });
      const created: Pipeline = {
        template: { ...source.template, id: templateId, template_name: 'Copied pipeline', version: 1 },
        stages: source.stages.map((s, i) => copyStage(s, i + 1)),
      };
      await onBoth(
        (tx) => both.repos.pipelines.store(tx, ws, null, created),
        (tx) => createPgPipelineWrites(tx).store(ws, null, created),
      );
      expect(await pg().pipelines.load(ws, templateId)).toEqual(both.repos.pipelines.load(ws, templateId));

      // One stage renamed, one dropped, one added, the template's version bumped: only those rows are written.
      const [first, ...rest] = created.stages;
      const changed: Pipeline = {
        template: { ...created.template, version: 2, updated_at: LATER },
        stages: [
          { ...first!, stage_name: 'Renamed', updated_at: LATER },
          ...rest.slice(0, -1),
          copyStage(rest.at(-1)!, rest.length + 1),
        ],
      };
      const before = both.repos.pipelines.load(ws, templateId)!;
      const beforeOnPg = (await pg().pipelines.load(ws, templateId))!;
      await onBoth(
        (tx) => both.repos.pipelines.store(tx, ws, before, changed),
        (tx) => createPgPipelineWrites(tx).store(ws, beforeOnPg, changed),
      );
      const loaded = both.repos.pipelines.load(ws, templateId)!;
      expect(loaded.template.version).toBe(2);
      expect(loaded.stages.map((s) => s.stage_name)[0]).toBe('Renamed');
      expect(await pg().pipelines.load(ws, templateId)).toEqual(loaded);

      // The stage writes alone: an archived stage added, changed, then deleted; one more kept.
      const extra = copyStage(first!, null);
      const kept = copyStage(first!, null);
      for (const stage of [extra, kept]) {
        await onBoth(
          (tx) => both.repos.stages.insert(tx, ws, stage),
          (tx) => createPgStageWrites(tx).insert(ws, stage),
        );
      }
      const edited = { ...extra, stage_name: 'Edited', instructions: 'Changed' };
      await onBoth(
        (tx) => both.repos.stages.update(tx, ws, edited),
        (tx) => createPgStageWrites(tx).update(ws, edited),
      );
      await expectSameRows('evaluationStages');
      await onBoth(
        (tx) => both.repos.stages.delete(tx, ws, extra.id),
        (tx) => createPgStageWrites(tx).delete(ws, extra.id),
      );
      // Another workspace's delete touches nothing.
      await onBoth(
        (tx) => both.repos.stages.delete(tx, both.otherWorkspaceId, kept.id),
        (tx) => createPgStageWrites(tx).delete(both.otherWorkspaceId, kept.id),
      );
      await expectSameRows('evaluationStages');
      await expectSameRows('evaluationTemplates');
      // Stage rows written without a pipeline change: SQLite's stage cache was not told (`changing`), so the
      // stages are compared as stored; PostgreSQL keeps no cache.
      expect(await pg().pipelines.load(ws, templateId)).toEqual({
        template: both.repos.templates.byId(ws, templateId),
        stages: both.repos.stages.allOfTemplate(ws, templateId),
      });
      expect((await pg().pipelines.load(ws, templateId))!.stages.map((s) => s.id)).toContain(kept.id);
      expect(await pg().pipelines.load(both.otherWorkspaceId, templateId)).toBeUndefined();
    });

    test('interviewer writes: inserts and updates leave the same rows; the list sorts and searches as on SQLite', async () => {
      const ws = both.workspaceId;
      const model = both.repos.agentProfiles.list(ws, { status: 'all' })[0]!;
      const named = (name: string, status: AgentProfile['status']): AgentProfile => ({
        ...model,
        id: crypto.randomUUID(),
        name,
        status,
        additional_instructions: undefined,
      });
      const added = [
        named('zed_1', 'active'),
        named('Zed%2', 'archived'),
        named('alice', 'active'),
        named('Émile', 'active'),
      ];
      for (const profile of added) {
        await onBoth(
          (tx) => both.repos.agentProfiles.insert(tx, ws, profile),
          (tx) => createPgAgentProfileWrites(tx).insert(ws, profile),
        );
      }
      const updated = { ...added[2]!, name: 'Alice', additional_instructions: 'Be brief', updated_at: LATER };
      await onBoth(
        (tx) => both.repos.agentProfiles.update(tx, ws, updated),
        (tx) => createPgAgentProfileWrites(tx).update(ws, updated),
      );
      await onBoth(
        (tx) => both.repos.agentProfiles.update(tx, both.otherWorkspaceId, { ...updated, name: 'Not here' }),
        (tx) => createPgAgentProfileWrites(tx).update(both.otherWorkspaceId, { ...updated, name: 'Not here' }),
      );
      await expectSameRows('agentProfiles');
      // Byte order, as SQLite sorts: upper case before lower, É after z.
      const names = both.repos.agentProfiles.list(ws, { status: 'all' }).map((p) => p.name);
      expect(names.indexOf('Alice')).toBeLessThan(names.indexOf('zed_1'));
      expect(names.at(-1)).toBe('Émile');
      for (const status of ['all', 'active', 'archived'] as const) {
        for (const search of [undefined, 'zed', 'ZED', '%', '_', 'émile', 'É', 'ali']) {
          expect(await pg().agentProfiles.list(ws, { status, search }), `${status} ${search}`).toEqual(
            both.repos.agentProfiles.list(ws, { status, search }),
          );
        }
      }
      expect(await pg().agentProfiles.byId(ws, updated.id)).toEqual(updated);
      expect(await pg().agentProfiles.list(both.otherWorkspaceId, { status: 'all' })).toEqual([]);
    });
  },
);
