import type { ParticipantFilter } from '@stageflow/db';
import { createPgParticipantQueries } from '@stageflow/db/postgres';
import { ParticipantStatus } from '@stageflow/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable } from '../testing-engines.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

type Filters = Omit<ParticipantFilter, 'limit' | 'cursor'>;

/**
 * Search terms as people type them: other letter cases (SQLite's LIKE folds ASCII letters only, so "JIMÉNEZ" finds
 * nobody and "jiménez" does), an email's parts, and LIKE's own characters, which must match only themselves.
 */
const SEARCHES = [
  'AMARA',
  'nwOSU',
  'jiménez',
  'JIMÉNEZ',
  'JIMénez',
  '@EXAMPLE.com',
  'a.n',
  'Am_ra',
  '%',
  '_',
  '\\',
  'zzz',
];

describe.skipIf(unavailable)('participant list and board reads on PostgreSQL answer as on SQLite', () => {
  let both: BothEngines;
  let pg: ReturnType<typeof createPgParticipantQueries>;
  let ws: string;
  let templateIds: string[];
  let stageIds: string[];
  /** Filters to try: none, each template, each stage, each status, each search, and a few together. */
  let filterSets: Filters[];

  beforeAll(async () => {
    both = await demoOnBothEngines();
    pg = createPgParticipantQueries(both.pg);
    ws = both.workspaceId;
    templateIds = both.repos.templates.list(ws, { status: 'all' }).map((t) => t.id);
    stageIds = templateIds.flatMap((id) => both.repos.stages.allOfTemplate(ws, id).map((s) => s.id));
    filterSets = [
      {},
      ...templateIds.map((evaluation_template_id) => ({ evaluation_template_id })),
      ...stageIds.map((stage_id) => ({ stage_id })),
      ...ParticipantStatus.options.map((status) => ({ status })),
      ...SEARCHES.map((search) => ({ search })),
      { evaluation_template_id: templateIds[0], status: 'active', search: 'E' },
      { evaluation_template_id: templateIds[1], stage_id: stageIds.at(-1), search: 'example' },
    ];
  }, 60_000);
  afterAll(() => both?.stop());

  test('the search terms find people on SQLite, and case and wildcards do what LIKE does there', () => {
    const found = (search: string) => both.repos.participants.count(ws, { search });
    expect(found('AMARA')).toBe(1);
    expect(found('jiménez')).toBe(1);
    expect(found('JIMénez')).toBe(1);
    expect(found('JIMÉNEZ')).toBe(0);
    expect(found('Am_ra')).toBe(0);
    expect(found('%')).toBe(0);
    expect(found('@EXAMPLE.com')).toBeGreaterThan(20);
  });

  test('every page of the list through its cursors, for every filter, on both', async () => {
    let nonEmpty = 0;
    for (const filters of filterSets) {
      for (const limit of [1, 7, 100]) {
        let cursor: string | undefined;
        let pages = 0;
        do {
          const f = { ...filters, limit, cursor };
          const sqlite = both.repos.participants.list(ws, f);
          expect(await pg.list(ws, f), JSON.stringify(f)).toEqual(sqlite);
          if (sqlite.items.length > 0) nonEmpty++;
          cursor = sqlite.next_cursor ?? undefined;
          pages++;
        } while (cursor);
        if (limit === 1) expect(pages).toBeGreaterThanOrEqual(both.repos.participants.count(ws, filters));
      }
    }
    expect(nonEmpty).toBeGreaterThan(100);
    const all = both.repos.participants.list(ws, { limit: 100 });
    expect(all.items.length).toBeGreaterThan(30);
    expect(all.items.some((p) => p.last_score !== null && p.pass_threshold !== null)).toBe(true);
    expect(await pg.list(both.otherWorkspaceId, { limit: 100 })).toEqual({ items: [], next_cursor: null });
  });

  test('count, a bulk selection and the export match the same people', async () => {
    for (const f of filterSets) {
      const label = JSON.stringify(f);
      expect(await pg.count(ws, f), label).toBe(both.repos.participants.count(ws, f));
      for (const max of [0, 3, 1000]) {
        expect(await pg.matchingPeople(ws, f, max), label).toEqual(both.repos.participants.matchingPeople(ws, f, max));
        expect(await pg.forExport(ws, f, max), label).toEqual(both.repos.participants.forExport(ws, f, max));
      }
    }
    const exported = both.repos.participants.forExport(ws, {}, 1000);
    expect(exported.participants.some((p) => [...p.stages.values()].some((s) => s.score !== null))).toBe(true);
    expect(both.repos.participants.forExport(ws, {}, 3).truncated).toBe(true);
    expect(await pg.count(both.otherWorkspaceId, {})).toBe(0);
    expect(await pg.matchingPeople(both.otherWorkspaceId, {}, 10)).toEqual([]);
    expect(await pg.forExport(both.otherWorkspaceId, {}, 10)).toEqual({ participants: [], truncated: false });
  });

  test('names by id and emails already in a template, only within the workspace', async () => {
    const people = both.repos.participants.list(ws, { limit: 100 }).items;
    const ids = [...people.map((p) => p.id), crypto.randomUUID()];
    const names = both.repos.participants.namesOf(ws, ids);
    expect(names.size).toBe(people.length);
    expect(await pg.namesOf(ws, ids)).toEqual(names);
    expect(await pg.namesOf(ws, [])).toEqual(new Map());
    expect((await pg.namesOf(both.otherWorkspaceId, ids)).size).toBe(0);

    const emails = [...people.map((p) => p.email).reverse(), 'nobody@example.com'];
    for (const templateId of templateIds) {
      const taken = both.repos.participants.emailsInTemplate(ws, templateId, emails);
      expect(taken.length).toBeGreaterThan(1);
      expect(await pg.emailsInTemplate(ws, templateId, emails)).toEqual(taken);
      expect(await pg.emailsInTemplate(both.otherWorkspaceId, templateId, emails)).toEqual([]);
    }
    expect(await pg.emailsInTemplate(ws, templateIds[0]!, [])).toEqual([]);
  });

  test('the board: counts, and every stage and status column, at several caps and searches', async () => {
    let cards = 0;
    for (const templateId of templateIds) {
      const stages = both.repos.stages.allOfTemplate(ws, templateId).map((s) => s.id);
      for (const perColumn of [1, 2, 5, 100]) {
        for (const search of [undefined, ...SEARCHES]) {
          const label = JSON.stringify({ templateId, perColumn, search });
          const sqlite = both.repos.participants.board(ws, templateId, perColumn, search);
          const onPg = await pg.board(ws, templateId, perColumn, search);
          expect(onPg.counts, label).toEqual(sqlite.counts);
          for (const stage of [...stages, crypto.randomUUID()]) {
            const column = sqlite.cardsAtStage(stage);
            cards += column.length;
            expect(onPg.cardsAtStage(stage), label).toEqual(column);
          }
          for (const status of ParticipantStatus.options) {
            const column = sqlite.cardsWithStatus(status);
            cards += column.length;
            expect(onPg.cardsWithStatus(status), label).toEqual(column);
          }
        }
      }
      const full = both.repos.participants.board(ws, templateId, 100);
      expect(full.counts.length).toBeGreaterThan(2);
      expect(stages.filter((s) => full.cardsAtStage(s).length > 1).length).toBeGreaterThan(0);
      const empty = await pg.board(both.otherWorkspaceId, templateId, 100);
      expect(empty.counts).toEqual([]);
      expect(stages.flatMap(empty.cardsAtStage)).toEqual([]);
      expect(ParticipantStatus.options.flatMap(empty.cardsWithStatus)).toEqual([]);
    }
    expect(cards).toBeGreaterThan(200);
  });
});
