import { schema, writeTx } from '@stageflow/db';
import {
  createPgAnswerReads,
  createPgAnswerWrites,
  createPgSessionTurnReads,
  createPgSessionTurnWrites,
  type PgExec,
} from '@stageflow/db/postgres';
import type { StoredTurn } from '@stageflow/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BothEngines, demoOnBothEngines, enginesUnavailable, rowsOnBoth } from '../testing-engines.ts';
import { arrangeSmallGroups, fromAnotherConnection, SMALL } from './arrange-small-groups.ts';

const unavailable = enginesUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable)('answers and interview turns on PostgreSQL answer as on SQLite', () => {
  let both: BothEngines;
  let sessionIds: string[];
  let interviewed: string[];
  let pg: {
    answers: ReturnType<typeof createPgAnswerReads>;
    sessionTurns: ReturnType<typeof createPgSessionTurnReads>;
  };
  const expectSameRows = async (table: 'sessionAnswers' | 'sessionSubmissions' | 'sessionTurns') => {
    const { sqlite, pg: onPg } = await rowsOnBoth(both.sqliteDb, both.pg, table);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(onPg).toEqual(sqlite);
  };

  beforeAll(async () => {
    both = await demoOnBothEngines((sqlite) => {
      sessionIds = arrangeSmallGroups(sqlite).sessionIds;
    });
    interviewed = [
      ...new Set(
        both.sqliteDb
          .select({ id: schema.sessionTurns.session_id })
          .from(schema.sessionTurns)
          .all()
          .map((r) => r.id),
      ),
    ];
    pg = { answers: createPgAnswerReads(both.pg), sessionTurns: createPgSessionTurnReads(both.pg) };
  }, 60_000);
  afterAll(() => both?.stop());

  const expectSameAnswers = async (ids: readonly string[]) => {
    for (const id of ids) {
      expect(await pg.answers.forSession(both.workspaceId, id)).toEqual(
        both.repos.answers.forSession(both.workspaceId, id),
      );
      expect(await pg.answers.forSession(both.otherWorkspaceId, id)).toEqual({ answers: [], submission: null });
    }
    for (const among of [ids, ids.slice(0, 1), []]) {
      expect(await pg.answers.submittedAmong(both.workspaceId, among)).toEqual(
        both.repos.answers.submittedAmong(both.workspaceId, among),
      );
      expect(await pg.answers.submittedAmong(both.otherWorkspaceId, among)).toEqual(new Set());
    }
  };

  test('a session answers in question order (byte order), its submission, and which sessions submitted', async () => {
    const [answered, submitted] = sessionIds as [string, string];
    const { answers } = both.repos;
    expect(answers.forSession(both.workspaceId, answered).answers.map((a) => a.question_id)).toEqual([
      'Q1',
      'q10',
      'q2',
    ]);
    expect(answers.forSession(both.workspaceId, submitted).submission?.questions).toHaveLength(1);
    expect([...answers.submittedAmong(both.workspaceId, sessionIds)]).toEqual([submitted]);
    await expectSameAnswers([...sessionIds, 'missing']);
  });

  test('answers saved (one replaced, one given twice in a call) and a submission leave the same rows', async () => {
    const [answered, , third] = sessionIds as [string, string, string];
    const saves = [
      { question_id: 'q2', text: 'Changed', updated_at: SMALL.at(2) },
      { question_id: 'q3', text: 'First try', updated_at: SMALL.at(2) },
      { question_id: 'q3', text: 'Second try', updated_at: SMALL.at(1) },
    ];
    const submission = { session_id: third, submitted_at: SMALL.at(1), questions: [{ id: 'q9', prompt: 'What?' }] };
    writeTx(both.sqliteDb, (tx) => {
      both.repos.answers.upsert(tx, both.workspaceId, answered, saves);
      both.repos.answers.upsert(tx, both.workspaceId, third, saves.slice(0, 1));
      both.repos.answers.upsert(tx, both.workspaceId, third, []);
      both.repos.answers.submit(tx, both.workspaceId, submission);
    });
    await both.pg.transaction(async (tx) => {
      const answers = createPgAnswerWrites(tx);
      await answers.upsert(both.workspaceId, answered, saves);
      await answers.upsert(both.workspaceId, third, saves.slice(0, 1));
      await answers.upsert(both.workspaceId, third, []);
      await answers.submit(both.workspaceId, submission);
    });
    await expectSameRows('sessionAnswers');
    await expectSameRows('sessionSubmissions');
    expect(
      both.repos.answers.forSession(both.workspaceId, answered).answers.find((a) => a.question_id === 'q3')?.text,
    ).toBe('Second try');
    await expectSameAnswers(sessionIds);
    // A second submission breaks the key on both.
    expect(() => writeTx(both.sqliteDb, (tx) => both.repos.answers.submit(tx, both.workspaceId, submission))).toThrow();
    await expect(
      both.pg.transaction((tx) => createPgAnswerWrites(tx).submit(both.workspaceId, submission)),
    ).rejects.toThrow();
  });

  test('in a write unit the session answers and submission are locked', async () => {
    const [answered, submitted] = sessionIds as [string, string];
    const forSession = (id: string, inWrite: boolean) => (other: PgExec) =>
      createPgAnswerReads(other, { inWrite }).forSession(both.workspaceId, id);
    await both.pg.transaction(async (tx) => {
      await forSession(answered, true)(tx);
      await forSession(submitted, true)(tx);
      expect(await fromAnotherConnection(both.pg, forSession(answered, true))).toBe('waits for a lock');
      expect(await fromAnotherConnection(both.pg, forSession(submitted, true))).toBe('waits for a lock');
      expect(await fromAnotherConnection(both.pg, forSession(answered, false))).toMatchObject({ submission: null });
    });
  });

  test('an interview turns in order; none in another workspace', async () => {
    expect(interviewed.length).toBeGreaterThan(1);
    for (const id of [...interviewed, 'missing']) {
      const turns = both.repos.sessionTurns.list(both.workspaceId, id);
      if (id !== 'missing') expect(turns.length).toBeGreaterThan(1);
      expect(await pg.sessionTurns.list(both.workspaceId, id)).toEqual(turns);
      expect(await pg.sessionTurns.list(both.otherWorkspaceId, id)).toEqual([]);
    }
  });

  test('turns appended to an interview and to a new one leave the same rows; the turns are locked in a unit', async () => {
    const [interview] = interviewed as [string];
    // A session with no turns yet (the demo's sessions have random ids, so pick by what they hold).
    const fresh = both.sqliteDb
      .select({ id: schema.sessions.id })
      .from(schema.sessions)
      .where(eq(schema.sessions.workspace_id, both.workspaceId))
      .all()
      .map((r) => r.id)
      .find((id) => !interviewed.includes(id))!;
    const next = both.repos.sessionTurns.list(both.workspaceId, interview).length;
    const turn = (index: number, fields: Partial<StoredTurn>): StoredTurn => ({
      index,
      speaker: 'participant',
      text: `Turn ${index}`,
      at: SMALL.at(1),
      source: null,
      prompt_version: null,
      ended_by: null,
      client_key: null,
      ...fields,
    });
    const appended = [
      turn(next, { client_key: 'k-1' }),
      turn(next + 1, { speaker: 'interviewer', source: 'model', prompt_version: 'v1' }),
    ];
    writeTx(both.sqliteDb, (tx) => {
      both.repos.sessionTurns.append(tx, both.workspaceId, interview, appended);
      both.repos.sessionTurns.append(tx, both.workspaceId, fresh, [turn(0, {})]);
      both.repos.sessionTurns.append(tx, both.workspaceId, fresh, []);
    });
    await both.pg.transaction(async (tx) => {
      const writes = createPgSessionTurnWrites(tx);
      await writes.append(both.workspaceId, interview, appended);
      await writes.append(both.workspaceId, fresh, [turn(0, {})]);
      await writes.append(both.workspaceId, fresh, []);
    });
    await expectSameRows('sessionTurns');
    for (const id of [interview, fresh]) {
      expect(await pg.sessionTurns.list(both.workspaceId, id)).toEqual(
        both.repos.sessionTurns.list(both.workspaceId, id),
      );
    }
    const list = (inWrite: boolean) => (other: PgExec) =>
      createPgSessionTurnReads(other, { inWrite }).list(both.workspaceId, interview);
    await both.pg.transaction(async (tx) => {
      await list(true)(tx);
      expect(await fromAnotherConnection(both.pg, list(true))).toBe('waits for a lock');
      expect(await fromAnotherConnection(both.pg, list(false))).toHaveLength(next + 2);
    });
  });
});
