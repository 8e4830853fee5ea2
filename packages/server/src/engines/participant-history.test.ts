import { createPgParticipantQueries } from '@stageflow/db/postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable } from '../testing-engines.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

/** What the inbox is ordered by: open decisions by creation, decided ones by decision, then creation. */
const orderKey = (d: { status: string; created_at: string; decided_at: string | null }) =>
  d.status === 'open' ? d.created_at : `${d.decided_at} ${d.created_at}`;

/**
 * An inbox answer on SQLite with its ties (decisions of the same instant) by id: SQLite answers those in insertion
 * order, its rowid, which PostgreSQL holds no column for, so it orders them by id (participant-history.ts).
 */
function tiesById<T extends { id: string; status: string; created_at: string; decided_at: string | null }>(
  rows: readonly T[],
): T[] {
  const groups: T[][] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && orderKey(last[0]!) === orderKey(row)) last.push(row);
    else groups.push([row]);
  }
  return groups.flatMap((group) => group.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

describe.skipIf(unavailable)('participant history reads on PostgreSQL answer as on SQLite', () => {
  let both: BothEngines;
  let pg: ReturnType<typeof createPgParticipantQueries>;
  let ws: string;
  let other: string;
  let templateIds: string[];
  let stageIds: string[];
  let participantIds: string[];

  beforeAll(async () => {
    both = await demoOnBothEngines();
    pg = createPgParticipantQueries(both.pg);
    ws = both.workspaceId;
    other = both.otherWorkspaceId;
    templateIds = both.repos.templates.list(ws, { status: 'all' }).map((t) => t.id);
    stageIds = templateIds.flatMap((id) => both.repos.stages.allOfTemplate(ws, id).map((s) => s.id));
    participantIds = both.repos.participants.list(ws, { limit: 100 }).items.map((p) => p.id);
  }, 60_000);
  afterAll(() => both?.stop());

  test('sessions with each filter, and each session and its participant by id', async () => {
    const all = both.repos.participants.sessions(ws, { limit: 1000 });
    expect(all.length).toBeGreaterThan(20);
    expect(all.some((s) => s.scorecard !== null)).toBe(true);
    const filterSets = [
      {},
      ...participantIds.map((participant_id) => ({ participant_id })),
      ...stageIds.map((stage_id) => ({ stage_id })),
      ...[...new Set(all.map((s) => s.status)), 'cancelled'].map((status) => ({ status })),
      { stage_id: stageIds[0], status: 'completed' },
    ];
    for (const filters of filterSets) {
      for (const limit of [1, 3, 1000]) {
        const f = { ...filters, limit };
        expect(await pg.sessions(ws, f), JSON.stringify(f)).toEqual(both.repos.participants.sessions(ws, f));
      }
    }
    for (const session of all) {
      expect(await pg.session(ws, session.id)).toEqual(both.repos.participants.session(ws, session.id));
      expect(await pg.participantOfSession(ws, session.id)).toBe(session.participant_id);
      expect(await pg.session(other, session.id)).toBeUndefined();
      expect(await pg.participantOfSession(other, session.id)).toBeUndefined();
    }
    expect(await pg.sessions(other, { limit: 1000 })).toEqual([]);
    expect(await pg.session(ws, crypto.randomUUID())).toBeUndefined();
  });

  test('what refers to each stage, and who is active at it', async () => {
    let references = 0;
    for (const stageId of [...stageIds, crypto.randomUUID()]) {
      const active = both.repos.participants.activeAtStage(ws, stageId);
      const refs = both.repos.participants.referencesToStage(ws, stageId);
      references += refs + active;
      expect(await pg.activeAtStage(ws, stageId)).toBe(active);
      expect(await pg.referencesToStage(ws, stageId)).toBe(refs);
      expect(await pg.activeAtStage(other, stageId)).toBe(0);
      expect(await pg.referencesToStage(other, stageId)).toBe(0);
    }
    expect(references).toBeGreaterThan(20);
  });

  test('every page of the audit trail and of each timeline, following their cursors', async () => {
    const filterSets = [
      {},
      ...templateIds.map((evaluation_template_id) => ({ evaluation_template_id })),
      ...participantIds.map((participant_id) => ({ participant_id })),
      { participant_id: participantIds[0], evaluation_template_id: templateIds[0] },
    ];
    let events = 0;
    for (const filters of filterSets) {
      for (const limit of [4, 1000]) {
        let before_seq: number | undefined;
        do {
          const f = { ...filters, limit, before_seq };
          const sqlite = both.repos.participants.events(ws, f);
          expect(await pg.events(ws, f), JSON.stringify(f)).toEqual(sqlite);
          events += sqlite.items.length;
          before_seq = sqlite.next_before_seq ?? undefined;
        } while (before_seq);
      }
    }
    expect(events).toBeGreaterThan(500);
    for (const id of participantIds) {
      for (const limit of [2, 50]) {
        let before: number | undefined;
        do {
          const sqlite = both.repos.participants.timeline(ws, id, limit, before);
          expect(sqlite.items.length).toBeGreaterThan(0);
          expect(await pg.timeline(ws, id, limit, before)).toEqual(sqlite);
          before = sqlite.next ?? undefined;
        } while (before);
      }
      expect(await pg.timeline(other, id, 50)).toEqual({ items: [], next: null });
    }
    expect(await pg.events(other, { limit: 1000 })).toEqual({ items: [], next_before_seq: null });
  });

  test('the reviewers’ inbox, open and decided, by template and search, and who each decision is about', async () => {
    const open = both.repos.participants.decisions(ws, { status: 'open', limit: 1000 });
    const decided = both.repos.participants.decisions(ws, { status: 'decided', limit: 1000 });
    expect(open.length).toBeGreaterThan(1);
    expect(decided.length).toBeGreaterThan(1);
    expect(open.some((d) => d.overall_score !== null)).toBe(true);
    expect(
      open.some((d) => d.unverified_dimensions.length > 0) || decided.some((d) => d.unverified_dimensions.length > 0),
    ).toBe(true);
    // The demo data holds decisions opened, and decided, at the same instant: where SQLite answers in insertion order.
    expect(new Set(open.map(orderKey)).size).toBeLessThan(open.length);
    expect(new Set(decided.map(orderKey)).size).toBeLessThan(decided.length);
    for (const status of ['open', 'decided'] as const) {
      for (const filters of [
        {},
        ...templateIds.map((evaluation_template_id) => ({ evaluation_template_id })),
        ...['HANNAH', 'kim', '@Example', 'a_', '%', 'zzz'].map((search) => ({ search })),
      ]) {
        const label = JSON.stringify({ ...filters, status });
        const inOrder = tiesById(both.repos.participants.decisions(ws, { ...filters, status, limit: 1000 }));
        for (const limit of [1, 2, 3, 1000]) {
          const f = { ...filters, status, limit };
          const page = await pg.decisions(ws, f);
          expect(page, label).toEqual(inOrder.slice(0, limit));
          expect(page.map(orderKey), label).toEqual(both.repos.participants.decisions(ws, f).map(orderKey));
        }
      }
      expect(await pg.decisions(other, { status, limit: 1000 })).toEqual([]);
    }
    expect(await pg.openDecisionCount(ws)).toBe(open.length);
    expect(await pg.openDecisionCount(other)).toBe(0);
    for (const decision of [...open, ...decided]) {
      expect(await pg.participantOfDecision(ws, decision.id)).toBe(decision.participant_id);
      expect(await pg.participantOfDecision(other, decision.id)).toBeUndefined();
    }
  });

  test('sessions waiting for a score, of everyone, a template and a participant', async () => {
    const all = both.repos.participants.awaitingScore(ws, { limit: 1000 });
    expect(all.length).toBeGreaterThan(0);
    for (const filters of [
      {},
      ...templateIds.map((evaluation_template_id) => ({ evaluation_template_id })),
      ...participantIds.map((participant_id) => ({ participant_id })),
      { participant_id: all[0]!.participant_id, evaluation_template_id: all[0]!.evaluation_template_id },
    ]) {
      for (const limit of [1, 1000]) {
        const f = { ...filters, limit };
        expect(await pg.awaitingScore(ws, f), JSON.stringify(f)).toEqual(both.repos.participants.awaitingScore(ws, f));
      }
    }
    expect(await pg.awaitingScore(other, { limit: 1000 })).toEqual([]);
  });
});
