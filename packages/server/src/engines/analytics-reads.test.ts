import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Cohort, defaultMigrationsFolder, type StayFilter } from '@stageflow/db';
import {
  closePgDb,
  copySqliteToPostgres,
  createPgAnalyticsReads,
  createPgDb,
  defaultPgMigrationsFolder,
} from '@stageflow/db/postgres';
import { type ExitCount, exitCounts, leftByStage, stayLengthsOf } from '@stageflow/domain';
import { startPostgres } from '@stageflow/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setupApi } from '../testing.ts';
import { type BothEngines, demoOnBothEngines, enginesUnavailable } from '../testing-engines.ts';
import { buildPipeline, person } from '../testing-pipeline.ts';
import { type SentStays, staysSent } from '../testing-stays.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

/** Rows of a `group by` in one order: neither engine's SQL orders them, and the figures only add them up. */
const grouped = <T>(rows: readonly T[]) =>
  [...rows].sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
  );

describe.skipIf(unavailable)('analytics reads on PostgreSQL answer as on SQLite', () => {
  let both: BothEngines;
  let pg: ReturnType<typeof createPgAnalyticsReads>;
  let templateIds: string[];
  /** Every template's cohorts: whole, halves by enrolment, one tag, and an empty period. */
  let cohorts: Cohort[];
  let stays: StayFilter[];

  beforeAll(async () => {
    both = await demoOnBothEngines();
    pg = createPgAnalyticsReads(both.pg);
    const ws = both.workspaceId;
    templateIds = both.repos.templates.list(ws, { status: 'all' }).map((t) => t.id);
    cohorts = [];
    stays = [];
    for (const templateId of templateIds) {
      const whole: Cohort = { templateId, start: null, end: null, tag: null };
      const enrolled = both.repos.participants
        .list(ws, { evaluation_template_id: templateId, limit: 500 })
        .items.map((p) => p.created_at)
        .sort();
      const middle = enrolled[Math.floor(enrolled.length / 2)]!;
      // The rarest tag: a cohort by tag that is not the whole template's.
      const [tag] = both.repos.analytics.tagCounts(ws, whole).sort((a, b) => a.participants - b.participants);
      cohorts.push(
        whole,
        { templateId, start: null, end: middle, tag: null },
        { templateId, start: middle, end: null, tag: null },
        { templateId, start: enrolled[1]!, end: enrolled.at(-2)!, tag: null },
        { templateId, start: null, end: null, tag: tag!.tag },
        { templateId, start: '2000-01-01T00:00:00.000Z', end: '2000-02-01T00:00:00.000Z', tag: null },
      );
      const stageTypes = new Map(
        both.repos.stages.allOfTemplate(ws, templateId).map((s) => [s.id, s.stage_type] as const),
      );
      stays.push(
        { stageTypes, start: null, end: null },
        { stageTypes, start: middle, end: null },
        { stageTypes, start: null, end: middle },
      );
    }
  }, 60_000);
  afterAll(() => both?.stop());

  test('the demo data has figures to compare', async () => {
    const ws = both.workspaceId;
    const a = both.repos.analytics;
    const wholes = cohorts.filter((c) => c.start === null && c.end === null && c.tag === null);
    const all = <T>(read: (c: Cohort) => readonly T[]) => wholes.flatMap((c) => [...read(c)]);
    expect(wholes.reduce((n, c) => n + a.cohortSize(ws, c), 0)).toBeGreaterThan(20);
    expect(all((c) => a.progressGroups(ws, c)).length).toBeGreaterThan(10);
    expect(all((c) => a.progressGroups(ws, c)).some((g) => g.ended_here && g.status === 'rejected')).toBe(true);
    expect(all((c) => a.progressGroups(ws, c)).some((g) => g.ended_here && g.status === 'withdrawn')).toBe(true);
    expect(all((c) => a.progressGroups(ws, c)).some((g) => g.advanced_by_decision)).toBe(true);
    expect(all((c) => a.scoreGroups(ws, c)).some((g) => g.passed)).toBe(true);
    expect(all((c) => a.scoreGroups(ws, c)).some((g) => !g.passed)).toBe(true);
    expect(all((c) => a.openDecisions(ws, c)).length).toBeGreaterThan(0);
    expect(all((c) => a.tagCounts(ws, c)).length).toBeGreaterThan(1);
    expect(all((c) => [...a.stayDurations(ws, c).values()].flat()).length).toBeGreaterThan(10);
    expect(all((c) => a.selfIdentified(ws, c).statuses).some((s) => s.sex !== null)).toBe(true);
    expect(all((c) => a.selfIdentified(ws, c).scores).length).toBeGreaterThan(0);
    const records = (await Promise.all(stays.map((f) => staysSent((sink) => a.sendStays(ws, f, sink))))).flatMap(
      (sent) => sent.records,
    );
    expect(records.some((r) => r.ended !== null)).toBe(true);
    expect(records.some((r) => r.attempts.length > 0 && r.decisions.length > 0)).toBe(true);
    // The periods really filter: each part of a template's cohort is smaller than the whole, and not empty.
    const wholeOf = (c: Cohort) => a.cohortSize(ws, { ...c, start: null, end: null, tag: null });
    for (const c of cohorts.filter((c) => c.start !== null || c.end !== null)) {
      if (c.start?.startsWith('2000')) expect(a.cohortSize(ws, c)).toBe(0);
      else expect(a.cohortSize(ws, c)).toBeGreaterThan(0);
      expect(a.cohortSize(ws, c)).toBeLessThan(wholeOf(c));
    }
    // A tag keeps its carriers: fewer than the whole template in one of them at least.
    const tagged = cohorts.filter((c) => c.tag !== null);
    expect(tagged.every((c) => a.cohortSize(ws, c) > 0)).toBe(true);
    expect(tagged.some((c) => a.cohortSize(ws, c) < wholeOf(c))).toBe(true);
  });

  test('cohort sizes, progress and score groups, open decisions and tags, cohort by cohort', async () => {
    const ws = both.workspaceId;
    for (const c of cohorts) {
      const sqlite = both.repos.analytics;
      expect(await pg.cohortSize(ws, c)).toBe(sqlite.cohortSize(ws, c));
      expect(grouped(await pg.progressGroups(ws, c))).toEqual(grouped(sqlite.progressGroups(ws, c)));
      expect(grouped(await pg.scoreGroups(ws, c))).toEqual(grouped(sqlite.scoreGroups(ws, c)));
      expect(grouped(await pg.openDecisions(ws, c))).toEqual(grouped(sqlite.openDecisions(ws, c)));
      expect(grouped(await pg.tagCounts(ws, c))).toEqual(grouped(sqlite.tagCounts(ws, c)));
    }
  });

  test('stay durations: the same milliseconds, per stage, ascending', async () => {
    const ws = both.workspaceId;
    for (const c of cohorts) {
      const sqlite = both.repos.analytics.stayDurations(ws, c);
      const onPg = await pg.stayDurations(ws, c);
      expect(onPg).toEqual(sqlite);
      expect([...onPg.keys()]).toEqual([...sqlite.keys()]);
    }
  });

  test('the facts each command kept with a stay and a result count what the join derives, on both engines', async () => {
    const ws = both.workspaceId;
    const sqlite = both.repos.analytics;
    /** Counts by stage, exit and failure, in one order (rows with the same facts added up). */
    const summed = (counts: readonly ExitCount[]) => {
      const sums = new Map<string, number>();
      for (const g of counts) {
        const key = `${g.stage_id} ${g.exit} ${g.failed}`;
        sums.set(key, (sums.get(key) ?? 0) + g.count);
      }
      return [...sums].sort(([a], [b]) => (a < b ? -1 : 1));
    };
    for (const c of cohorts.filter((c) => c.start === null && c.end === null && c.tag === null)) {
      const stages = both.repos.stages.allOfTemplate(ws, c.templateId).map((s) => s.id);
      const derived = exitCounts(sqlite.progressGroups(ws, c));
      expect(summed(sqlite.keptExitCounts(ws, stages))).toEqual(summed(derived));
      expect(summed(await pg.keptExitCounts(ws, stages))).toEqual(summed(derived));
      const left = leftByStage(derived);
      const fromJoin = new Map([...sqlite.stayDurations(ws, c)].map(([stage, ms]) => [stage, stayLengthsOf(ms)]));
      expect(fromJoin.size).toBeGreaterThan(0);
      expect(sqlite.keptStayLengths(ws, left)).toEqual(fromJoin);
      expect(await pg.keptStayLengths(ws, left)).toEqual(fromJoin);
      // The results' facts against their scorecards, read as JSON.
      const scores = grouped(
        both.sqliteDb.$client
          .prepare(`select s.stage_id, json_extract(s.scorecard, '$.overall_score') as score,
              json_extract(s.scorecard, '$.passed') = 1 as passed, count(*) as count
            from sessions s join participants p on p.workspace_id = s.workspace_id and p.id = s.participant_id
            where s.workspace_id = ? and p.evaluation_template_id = ? and s.status = 'completed'
              and s.scorecard is not null
            group by 1, 2, 3`)
          .all(ws, c.templateId)
          .map((r) => ({ ...(r as object), passed: (r as { passed: number }).passed === 1 })),
      );
      expect(scores.length).toBeGreaterThan(0);
      expect(grouped(sqlite.keptScoreGroups(ws, stages))).toEqual(scores);
      expect(grouped(await pg.keptScoreGroups(ws, stages))).toEqual(scores);
      expect(grouped(sqlite.scoreGroups(ws, c))).toEqual(scores);
    }
    // A period's or a tag's: the participants picked, then their stays' kept facts.
    for (const c of cohorts) {
      const derived = summed(exitCounts(sqlite.progressGroups(ws, c)));
      expect(summed(sqlite.exitCounts(ws, c))).toEqual(derived);
      expect(summed(await pg.exitCounts(ws, c))).toEqual(derived);
    }
  });

  test('the self-identification figures and categories', async () => {
    const ws = both.workspaceId;
    for (const c of cohorts) {
      const sqlite = both.repos.analytics.selfIdentified(ws, c);
      const onPg = await pg.selfIdentified(ws, c);
      expect(grouped(onPg.progress)).toEqual(grouped(sqlite.progress));
      expect(grouped(onPg.statuses)).toEqual(grouped(sqlite.statuses));
      expect(grouped(onPg.scores)).toEqual(grouped(sqlite.scores));
    }
    for (const id of templateIds) {
      const sqlite = both.repos.analytics.templateSelfIdentification(ws, id);
      expect(sqlite.size).toBeGreaterThan(0);
      expect(await pg.templateSelfIdentification(ws, id)).toEqual(sqlite);
    }
  });

  test('the stays a simulation replays: each with its results and decisions, in the order entered', async () => {
    const ws = both.workspaceId;
    const withoutDecisionOrder = ({ records, withoutResult }: SentStays) => ({
      records: records.map((r) => ({ ...r, decisions: grouped(r.decisions) })),
      withoutResult,
    });
    let replayable = 0;
    for (const f of stays) {
      const sqlite = await staysSent((sink) => both.repos.analytics.sendStays(ws, f, sink));
      const onPg = await staysSent((sink) => pg.sendStays(ws, f, sink));
      expect(withoutDecisionOrder(onPg)).toEqual(withoutDecisionOrder(sqlite));
      replayable += sqlite.records.length;
    }
    expect(replayable).toBeGreaterThan(20);
  });

  test('an upgrade gives the stays and results stored before the facts were kept the facts commands keep, on both engines', async () => {
    // The migration that added the facts fills them for the rows already stored: run again over rows whose facts
    // were reset, it must give back what the demo's commands wrote.
    const backfills = (folder: string) =>
      readdirSync(folder)
        .filter((f) => f.endsWith('_kept_analytics_facts.sql') || f.endsWith('_replayed_result_facts.sql'))
        .sort()
        .flatMap((file) => readFileSync(join(folder, file), 'utf8').split('--> statement-breakpoint'))
        .filter((s) => s.includes('UPDATE'));
    const reset = [
      `update stage_progress set funnel_exit = 'still_there', stay_ms = null`,
      `update sessions set result_score = null, result_passed = null, result_scoring_method = null,
        result_below_min = null, result_needs_review = null`,
    ];
    const stays = `select participant_id, stage_id, funnel_exit, stay_ms from stage_progress
      order by participant_id, stage_id`;
    const results = `select id, result_score, result_passed, result_scoring_method, result_below_min,
      result_needs_review from sessions order by id`;
    const client = both.sqliteDb.$client;
    const keptStays = client.prepare(stays).all() as { funnel_exit: string }[];
    const keptResults = client.prepare(results).all() as {
      result_passed: number | null;
      result_scoring_method: string | null;
      result_needs_review: number | null;
    }[];
    expect(new Set(keptStays.map((r) => r.funnel_exit))).toEqual(
      new Set(['still_there', 'passed', 'advanced_by_reviewer', 'rejected', 'withdrawn']),
    );
    expect(new Set(keptResults.map((r) => r.result_passed))).toEqual(new Set([null, 0, 1]));
    // The demo's results: reviewers' (no scoring method) and interviewers', some with a score no quote backs.
    expect(new Set(keptResults.map((r) => r.result_scoring_method))).toEqual(new Set([null, 'weighted_average']));
    expect(new Set(keptResults.map((r) => r.result_needs_review))).toEqual(new Set([null, 0, 1]));
    expect(backfills(defaultMigrationsFolder)).toHaveLength(3);
    for (const statement of [...reset, ...backfills(defaultMigrationsFolder)]) client.exec(statement);
    expect(client.prepare(stays).all()).toEqual(keptStays);
    expect(client.prepare(results).all()).toEqual(keptResults);

    const onPg = async (query: string) => (await both.pg.execute(sql.raw(query))).rows;
    const pgStays = `select participant_id, stage_id, funnel_exit, stay_ms::float8 as stay_ms from stage_progress
      order by participant_id collate "C", stage_id collate "C"`;
    const pgResults = `select id, result_score, result_passed::int as result_passed, result_scoring_method,
      result_below_min::int as result_below_min, result_needs_review::int as result_needs_review
      from sessions order by id collate "C"`;
    expect(await onPg(pgStays)).toEqual(keptStays);
    expect(await onPg(pgResults)).toEqual(keptResults);
    for (const statement of [...reset, ...backfills(defaultPgMigrationsFolder)]) await onPg(statement);
    expect(await onPg(pgStays)).toEqual(keptStays);
    expect(await onPg(pgResults)).toEqual(keptResults);
  });

  test('another workspace sees nothing', async () => {
    const ws = both.otherWorkspaceId;
    const c = cohorts[0]!;
    expect(await pg.cohortSize(ws, c)).toBe(0);
    expect(await pg.progressGroups(ws, c)).toEqual([]);
    expect(await pg.scoreGroups(ws, c)).toEqual([]);
    expect(await pg.openDecisions(ws, c)).toEqual([]);
    expect(await pg.tagCounts(ws, c)).toEqual([]);
    expect((await pg.stayDurations(ws, c)).size).toBe(0);
    expect(await pg.selfIdentified(ws, c)).toEqual({ progress: [], statuses: [], scores: [] });
    expect((await pg.templateSelfIdentification(ws, c.templateId)).size).toBe(0);
    expect(await staysSent((sink) => pg.sendStays(ws, stays[0]!, sink))).toEqual({
      records: [],
      withoutResult: new Map(),
    });
    const stages = both.repos.stages.allOfTemplate(both.workspaceId, c.templateId).map((s) => s.id);
    expect(await pg.keptExitCounts(ws, stages)).toEqual([]);
    expect(both.repos.analytics.keptExitCounts(ws, stages)).toEqual([]);
    expect(await pg.keptScoreGroups(ws, stages)).toEqual([]);
    expect(await pg.exitCounts(ws, c)).toEqual([]);
    expect(both.repos.analytics.keptScoreGroups(ws, stages)).toEqual([]);
  });
});

/**
 * Stages entered within one millisecond (a fixed clock here; a command that enters two stages at once in real
 * life): SQLite tells them apart by the order the rows were inserted, PostgreSQL by the order their
 * `stage_entered` events were logged. Which stay is a participant's last decides where their evaluation ended.
 */
describe.skipIf(unavailable)('stays entered in the same millisecond', () => {
  test('are ordered, and the last one found, as on SQLite', async () => {
    const t = setupApi();
    const { template, stages } = await buildPipeline(t.api);
    const enrol = (name: string) => t.api.participants.create({ evaluation_template_id: template.id, ...person(name) });
    const moved = { note: 'Moved on by hand' };
    const rejected = await enrol('Rejected After Skip');
    await t.api.participants.advance({ participant_id: rejected.id, ...moved });
    await t.api.participants.reject({ participant_id: rejected.id, ...moved });
    const withdrawn = await enrol('Withdrawn After Two Skips');
    await t.api.participants.advance({ participant_id: withdrawn.id, ...moved });
    await t.api.participants.advance({ participant_id: withdrawn.id, ...moved });
    await t.api.participants.withdraw({ participant_id: withdrawn.id, ...moved });
    const rejectedAtOnce = await enrol('Rejected At Once');
    await t.api.participants.reject({ participant_id: rejectedAtOnce.id, ...moved });

    const server = await startPostgres();
    const pgDb = createPgDb(server.url);
    try {
      await copySqliteToPostgres(t.db, pgDb);
      const pg = createPgAnalyticsReads(pgDb);
      const ws = t.workspaceId;
      const cohort: Cohort = { templateId: template.id, start: null, end: null, tag: null };
      // Every stay began at the same instant, and each evaluation ended at the last stage entered.
      const entered = t.db.$client.prepare('select distinct entered_at from stage_progress where workspace_id = ?');
      expect(entered.all(ws)).toHaveLength(1);
      const endedAt = t.repos.analytics
        .progressGroups(ws, cohort)
        .filter((g) => g.ended_here)
        .map((g) => [g.stage_id, g.status, g.count]);
      expect(grouped(endedAt)).toEqual(
        grouped([
          [stages[1]!.id, 'rejected', 1],
          [stages[2]!.id, 'withdrawn', 1],
          [stages[0]!.id, 'rejected', 1],
        ]),
      );
      expect(grouped(await pg.progressGroups(ws, cohort))).toEqual(
        grouped(t.repos.analytics.progressGroups(ws, cohort)),
      );
      expect(await pg.stayDurations(ws, cohort)).toEqual(t.repos.analytics.stayDurations(ws, cohort));
    } finally {
      await closePgDb(pgDb);
      await server.stop();
    }
  }, 60_000);
});
